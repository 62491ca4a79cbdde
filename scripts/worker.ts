import { exitOnUncaughtExceptions, startWorker } from "~/server/jobs/worker";
import { fail } from "~/scripts/lib/launch";

// The job worker: notice fan-out, instant alerts, digests and their schedule. `npm start`,
// `npm run demo` and `npm run dev` run one beside each app server they launch (every instance
// may: pg-boss hands each job to exactly one worker). It lives outside the Next server because
// Next bundles server code for React Server Components, where the mail templates' react-dom/server
// is not available. The launcher starts another when it ends.
exitOnUncaughtExceptions();

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
