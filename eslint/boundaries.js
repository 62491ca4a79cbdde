import boundaries from "eslint-plugin-boundaries";

// The layers of ARCHITECTURE.md ("Layers"), as folders, and what each may import. A layer not
// named in a policy's `to` is refused; an exception is a file listed under `exceptions` with its
// reason, in review, or not at all.
const LAYERS = [
  ["app-components", "app/_components"],
  ["app", "app"],
  ["api", "server/api"],
  ["services", "server/services"],
  ["jobs", "server/jobs"],
  ["queue", "server/queue"],
  ["email", "server/email"],
  ["auth", "server/auth"],
  ["http", "server/http"],
  ["schemas", "schemas"],
  ["i18n", "i18n"],
  ["seed", "db/seed"],
  ["db", "db"],
  ["scripts", "scripts"],
  ["bench", "bench"],
  ["tests", "tests"],
  ["e2e", "e2e"],
];

const MAY_IMPORT = {
  "app-components": ["app-components", "schemas", "i18n"],
  app: ["app", "app-components", "api", "schemas", "i18n", "auth"],
  api: ["api", "services", "auth", "schemas", "i18n"],
  services: ["services", "queue", "email", "auth", "schemas", "i18n", "db"],
  jobs: ["jobs", "services", "queue", "email", "auth", "http", "schemas", "i18n", "db"],
  queue: ["queue", "db"],
  email: ["email", "services", "schemas", "i18n", "db"],
  auth: ["auth", "http", "schemas", "db"],
  http: ["http", "auth", "api", "i18n", "db"],
  schemas: ["schemas", "auth", "i18n"],
  i18n: ["i18n", "app"],
  seed: ["seed", "db", "services", "auth", "schemas", "i18n"],
  db: ["db", "queue", "auth", "schemas"],
  scripts: ["scripts", "db", "seed", "services", "jobs", "queue", "auth", "email", "http", "schemas", "i18n"],
  bench: ["bench", "tests", "scripts", "db", "seed", "services", "jobs", "queue", "auth", "email", "http", "api", "schemas", "i18n"],
  tests: ["tests", "db", "seed", "services", "jobs", "queue", "auth", "email", "http", "api", "app", "app-components", "schemas", "i18n", "scripts"],
  e2e: ["e2e", "tests", "bench", "scripts", "db", "seed", "services", "auth", "http", "schemas", "i18n"],
};

// Modules that reach past their layer, each with the layers it may also import and why
// (ARCHITECTURE.md, "Exceptions and cycles, as they stand").
const EXCEPTIONS = {
  // Before a session exists there is no viewer for a procedure: sign-in, the second factor and
  // sign-out call their services directly.
  "app/(auth)/signin/actions.ts": ["services"],
  "app/(auth)/mfa/actions.ts": ["services"],
  "app/(auth)/signout/route.ts": ["services"],
  // RFC 8058 one-click unsubscribe: no session, the signed token is the credential.
  "app/api/unsubscribe/[[]token]/route.ts": ["services"],
  "app/(auth)/unsubscribe/[[]token]/page.tsx": ["email"],
  // The monitor's probe: no session, and it must not depend on the tRPC stack it watches.
  "app/api/health/route.ts": ["services"],
  // The feed's cursor is encoded where the service reads it, so the two cannot disagree.
  "app/(app)/_components/notice-list.tsx": ["services"],
  // A matched subscription is named the same way in the notification centre and in mail.
  "app/(app)/notifications/page.tsx": ["services"],
  // The form's refusals and the shapes of its options and values are the services' own types.
  "app/(app)/notices/_components/form/{actions,options,values}.ts": ["services"],
  // next-auth's adapter signs in and out through the services.
  "server/auth/config.ts": ["services"],
  // The machine API charges a call what the app server charges the same procedure.
  "server/api/rest/operations.ts": ["http"],
  // A route streams the workbook, which a procedure cannot: it writes the report the exports.formD
  // procedure returned.
  "app/exports/form-d.xlsx/route.ts": ["services"],
  // The plain-text mail isolates names the way the pages do (bidi isolation).
  "server/email/templates/notice-mail-text.ts": ["app-components"],
};

const SETTINGS = {
  "import/resolver": { typescript: { alwaysTryTypes: true, project: "./tsconfig.json" } },
  "boundaries/include": ["app/**", "server/**", "schemas/**", "i18n/**", "db/**", "scripts/**", "bench/**", "tests/**", "e2e/**"],
  "boundaries/elements": LAYERS.map(([type, pattern]) => ({ type, pattern, partialMatch: false })),
};

const rule = (extra = []) => [
  "error",
  {
    default: "disallow",
    message:
      "This import crosses the layers of ARCHITECTURE.md: eslint/boundaries.js says what each layer may import, and lists the exceptions with their reasons.",
    policies: Object.entries(MAY_IMPORT).map(([from, to]) => ({
      from: { element: { type: from } },
      allow: { to: { element: { types: { anyOf: [...to, ...extra] } } } },
    })),
  },
];

export const boundariesConfig = [
  {
    files: ["**/*.{ts,tsx,js,mjs,cjs}"],
    // Tests beside the code reach whatever they test; the shared test set-up is the "tests" layer.
    ignores: ["**/__tests__/**"],
    plugins: { boundaries },
    settings: SETTINGS,
    rules: { "boundaries/dependencies": rule() },
  },
  ...Object.entries(EXCEPTIONS).map(([file, extra]) => ({ files: [file], rules: { "boundaries/dependencies": rule(extra) } })),
];
