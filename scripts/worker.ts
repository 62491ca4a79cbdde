import { isBrokenConnectionError } from "~/db/index";
import { startWorker } from "~/server/jobs/worker";
import { fail } from "~/scripts/lib/launch";

// The job worker: notice fan-out, instant alerts, digests and their schedule. `npm start`,
// `npm run demo` and `npm run dev` run one beside each app server they launch (every instance
// may: pg-boss hands each job to exactly one worker). It lives outside the Next server because
// Next bundles server code for React Server Components, where the mail templates' react-dom/server
// is not available.
// postgres.js 3.4.9 throws out of reach of any await when the database cuts a connection, and
// the pool is replaced on it (db/index.ts): the worker goes on, as Next does. Anything else ends
// it, and the launcher starts another (its jobs wait in the queue meanwhile).
process.on("uncaughtException", (error) => {
  if (isBrokenConnectionError(error)) return console.error("[worker] a database connection broke; its pool was replaced");
  console.error(error);
  process.exit(1);
});

try {
  const boss = await startWorker();
  const stop = async () => {
    // Jobs in hand are finished or, past the timeout, left for another worker to take up.
    await boss.stop({ graceful: true, wait: true, timeout: 15_000 });
    process.exit(0);
  };
  process.once("SIGINT", () => void stop());
  process.once("SIGTERM", () => void stop());
} catch (error) {
  fail(error);
}
