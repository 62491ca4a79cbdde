import { startWorker } from "~/server/jobs/worker";

// A job worker in a process of its own, for tests that kill it mid-run (SIGKILL, no clean-up).
await startWorker({ schedule: false, concurrency: 1 });
console.log("worker ready");
