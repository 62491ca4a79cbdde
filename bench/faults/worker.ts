import { startWorker } from "~/server/jobs/worker";

// The app's job worker, as scripts/worker.ts starts it, with two differences for the harness:
// pg-boss maintenance (which expires the job of a worker that died) runs every second instead of
// every two minutes, and the digest scheduler is off (the harness starts digest runs itself).
const boss = await startWorker({ schedule: false, maintenanceIntervalSeconds: 1 });
process.send?.("ready");
process.once("SIGTERM", () => void boss.stop({ graceful: true, wait: true, timeout: 5_000 }).then(() => process.exit(0)));
