// How big a unit may grow (CONTRIBUTING.md, "Conventions"): a file 300 lines as `wc -l` counts them,
// a function 80 lines of code (blank lines and comments not counted, so that a comment saying why
// never forces a split). A unit over either is split by responsibility, not cut where the count
// runs out.
const MAX_FILE_LINES = 300;
const MAX_FUNCTION_LINES = 80;

// Files exempt from the file size, each with its reason. Their functions are still held to 80 lines.
const LONG_FILES = [
  // The seeds: the demo's world and the reference data written out, read as data rather than logic.
  "db/seed/**",
  // Benchmark scenarios and generators: each is one script read top to bottom, beside its figures.
  "bench/**",
];

export const sizesConfig = [
  {
    files: ["**/*.{ts,tsx,js,mjs,cjs}"],
    rules: {
      "max-lines": ["error", { max: MAX_FILE_LINES, skipBlankLines: false, skipComments: false }],
      "max-lines-per-function": ["error", { max: MAX_FUNCTION_LINES, skipBlankLines: true, skipComments: true }],
    },
  },
  { files: LONG_FILES, rules: { "max-lines": "off" } },
];
