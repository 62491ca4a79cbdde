import { exitOnUncaughtExceptions, startWorker } from "~/server/jobs/worker";

// The app's job worker, as scripts/worker.ts starts it, with two differences for the harness:
// pg-boss maintenance (which expires the job of a worker that died) runs every second instead of
// every two minutes, and the digest scheduler is off (the harness starts digest runs itself).
// Like the app's, it survives the exception postgres.js throws on a cut connection: without this
// rule, one thrown during the database outage ended it, and the fan-out waited for good.
exitOnUncaughtExceptions();
const boss = await startWorker({ schedule: false, maintenanceIntervalSeconds: 1 });
process.send?.("ready");
process.once("SIGTERM", () => void boss.stop({ graceful: true, wait: true, timeout: 5_000 }).then(() => process.exit(0)));
