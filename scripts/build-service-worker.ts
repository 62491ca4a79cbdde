import { randomUUID } from "node:crypto";
import { build } from "esbuild";

// `npm run build` runs this before `next build`: the service worker is bundled on its own
// (Turbopack builds no worker entry), into public/, which Next.js serves at /sw.js. BUILD_ID
// changes with every build, so that each deployment's worker fetches the offline page afresh.
await build({
  entryPoints: ["app/_offline/service-worker.ts"],
  outfile: "public/sw.js",
  bundle: true,
  format: "iife",
  target: "es2020",
  minify: true,
  legalComments: "none",
  define: { "process.env.NODE_ENV": JSON.stringify("production"), BUILD_ID: JSON.stringify(randomUUID()) },
  logLevel: "warning",
});
