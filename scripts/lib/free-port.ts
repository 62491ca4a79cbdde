import { createServer } from "node:net";

// In scripts/lib because the test set-up, the benchmarks and e2e all start servers, and all three may import it.

/** A TCP port on 127.0.0.1 that was free a moment ago: the system picks it, and we let it go for the caller. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
