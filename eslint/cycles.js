import importX from "eslint-plugin-import-x";
import { createTypeScriptImportResolver } from "eslint-import-resolver-typescript";

// import-x's TypeScript settings (which files it follows, how it parses them), without its default
// resolver: ours below knows the `~/` alias of tsconfig.json.
const { "import-x/resolver": _defaultResolver, ...TYPESCRIPT_SETTINGS } = importX.flatConfigs.typescript.settings;

// No module may reach itself again through its imports (ARCHITECTURE.md, "Layers"): a cycle makes
// the order modules load in decide what a reader sees as undefined, and it is the first sign that
// two modules are one. Dynamic `import()`s count as well; type-only imports do not, since they
// vanish when the code is compiled.
export const cyclesConfig = [
  {
    files: ["**/*.{ts,tsx,js,mjs,cjs}"],
    plugins: { "import-x": importX },
    settings: {
      ...TYPESCRIPT_SETTINGS,
      "import-x/resolver-next": [createTypeScriptImportResolver({ alwaysTryTypes: true, project: "./tsconfig.json" })],
    },
    rules: { "import-x/no-cycle": ["error", { ignoreExternal: true }] },
  },
];
