import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { startSmtpSink } from "~/tests/smtp-sink";

type Message = { url: string } | { count: number };

// Run as a child process: an SMTP server that accepts and discards mail, counting it, on a core
// of its own rather than in the event loop of the process under measurement.
if (process.send && process.argv[2] === "--child") {
  const sink = await startSmtpSink({ parse: false });
  process.send({ url: sink.url } satisfies Message);
  process.on("message", () => process.send!({ count: sink.count } satisfies Message));
  process.on("disconnect", () => void sink.close().then(() => process.exit(0)));
}

export async function startSinkProcess() {
  const child = fork(fileURLToPath(import.meta.url), ["--child"], { execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const next = () => new Promise<Message>((resolve) => child.once("message", (m) => resolve(m as Message)));
  const started = (await next()) as { url: string };
  return {
    url: started.url,
    count: async () => {
      const answer = next();
      child.send("count");
      return ((await answer) as { count: number }).count;
    },
    close: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      if (child.connected) child.disconnect();
      else child.kill();
      await exited;
    },
  };
}
