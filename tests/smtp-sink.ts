import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer, type SMTPServerDataStream } from "smtp-server";

type Mode = "accept" | "refuse" | "stall";

/**
 * A real SMTP server in the test process. `refuse` answers 451 (try again later) like a server
 * that is down for a while; `stall` swallows the message without ever answering, like a
 * connection lost mid-send.
 */
export async function startSmtpSink(options: { parse?: boolean } = {}) {
  const parse = options.parse ?? true;
  const received: ParsedMail[] = [];
  let count = 0;
  let refused = 0;
  let mode: Mode = "accept";
  let stallAfter = Infinity;
  const stalled: (() => void)[] = [];

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    size: 10 * 1024 * 1024,
    onMailFrom(_address, _session, callback) {
      if (mode === "refuse") {
        refused++;
        return callback(Object.assign(new Error("Service temporarily unavailable"), { responseCode: 451 }));
      }
      callback();
    },
    onData(stream: SMTPServerDataStream, _session, callback) {
      if (count >= stallAfter) {
        stream.resume();
        stalled.push(() => callback(new Error("stalled")));
        return;
      }
      count++;
      if (!parse) {
        stream.on("end", () => callback());
        stream.resume();
        return;
      }
      simpleParser(stream).then(
        (mail) => {
          received.push(mail);
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;

  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    get count() {
      return count;
    },
    get refused() {
      return refused;
    },
    get stalled() {
      return stalled.length;
    },
    setMode(next: Mode) {
      mode = next;
    },
    /** Accept this many messages, then stall every later one. */
    stallAfter(n: number) {
      stallAfter = n;
    },
    releaseStalled() {
      stallAfter = Infinity;
      stalled.splice(0).forEach((fail) => fail());
    },
    to: (address: string) => received.filter((m) => (Array.isArray(m.to) ? m.to : m.to ? [m.to] : []).some((t) => t.text.includes(address))),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type SmtpSink = Awaited<ReturnType<typeof startSmtpSink>>;

/** Polls until `done()` holds, failing after `timeoutMs`. */
export async function waitFor(done: () => boolean | Promise<boolean>, timeoutMs = 15_000, what = "condition"): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
