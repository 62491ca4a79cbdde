import cluster from "node:cluster";
import { supervise } from "./launch";

/**
 * The primary of scripts/serve.ts: forks `count` workers that run the same script and listen on the
 * same port (the primary hands out connections), starts again any that dies (as the launcher does
 * for the job worker: a pause that doubles while it keeps dying), and on SIGINT or SIGTERM stops them
 * all — each finishing as a single server would — before it exits. `ready` is called once, when every
 * worker listens.
 */
export function superviseWorkers(count: number, ready: () => void) {
  let listening = 0;
  // A worker started again after a crash listens too; only the first round is announced.
  const onListening = () => {
    listening += 1;
    if (listening < count) return;
    cluster.off("listening", onListening);
    ready();
  };
  cluster.on("listening", onListening);
  const workers = Array.from({ length: count }, (_, index) => supervise(() => cluster.fork().process, `app worker ${index + 1}`));
  const stop = () => void Promise.all(workers.map((worker) => worker.stop())).finally(() => process.exit(0));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}
