import { randomBytes } from "node:crypto";
import { createRequire } from "node:module";

// Imported first by the digest benchmark, before env.js reads the environment: a throw-away
// secret to sign unsubscribe links, unless one is configured.
process.env.AUTH_SECRET ??= randomBytes(32).toString("base64url");

// React's production build, as under `next start` (it picks its build when first loaded), while
// the app's own settings stay those of development: no production secrets needed to benchmark.
const mode = process.env.NODE_ENV;
Object.assign(process.env, { NODE_ENV: "production" });
const require = createRequire(import.meta.url);
for (const name of ["react", "react/jsx-runtime", "react-dom/server"]) require(name);
if (mode === undefined) Reflect.deleteProperty(process.env, "NODE_ENV");
else Object.assign(process.env, { NODE_ENV: mode });
