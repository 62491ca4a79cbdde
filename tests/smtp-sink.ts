import type { AddressInfo, Socket } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer, type SMTPServerDataStream } from "smtp-server";

type Mode = "accept" | "refuse" | "stall";

/**
 * A real SMTP server in the test process. `refuse` answers 451 (try again later; or another
 * code, such as 421) like a server that is down for a while; `stall` swallows the message without
 * ever answering, like a connection lost mid-send. `beforeAnswer` runs once a message is received
 * and before the server says so: the fault harness kills the sending worker there.
 */
export async function startSmtpSink(options: { parse?: boolean; beforeAnswer?: (mail: ParsedMail | null) => Promise<void> } = {}) {
  const parse = options.parse ?? true;
  const received: ParsedMail[] = [];
  let count = 0;
  let refused = 0;
  let mode: Mode = "accept";
  let refuseCode = 451;
  let rejectedRecipient: string | null = null;
  let stallAfter = Infinity;
  const stalled: (() => void)[] = [];
  const answer = (mail: ParsedMail | null, callback: (error?: Error) => void) =>
    (options.beforeAnswer?.(mail) ?? Promise.resolve()).then(() => callback(), callback);

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    size: 10 * 1024 * 1024,
    onMailFrom(_address, _session, callback) {
      if (mode === "refuse") {
        refused++;
        return callback(Object.assign(new Error("Service temporarily unavailable"), { responseCode: refuseCode }));
      }
      callback();
    },
    onRcptTo(address, _session, callback) {
      if (address.address.toLowerCase() === rejectedRecipient) {
        refused++;
        return callback(Object.assign(new Error("No such mailbox"), { responseCode: 550 }));
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
        stream.on("end", () => void answer(null, callback));
        stream.resume();
        return;
      }
      simpleParser(stream).then(
        (mail) => {
          received.push(mail);
          void answer(mail, callback);
        },
        (error: Error) => callback(error),
      );
    },
  });
  // A client gone mid-session (a worker killed while sending) resets its connection: that ends
  // the session, not the server.
  server.on("error", () => {});
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  const sockets = new Set<Socket>();
  server.server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });
  let online = true;

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
    setMode(next: Mode, code = 451) {
      mode = next;
      refuseCode = code;
    },
    /** Answer 550 (no such mailbox, a permanent failure) to this recipient; null: accept everyone. */
    rejectRecipient(address: string | null) {
      rejectedRecipient = address?.toLowerCase() ?? null;
    },
    /** Like a server that is down: open connections are cut and new ones refused, until `goOnline`. */
    goOffline: () =>
      new Promise<void>((resolve) => {
        online = false;
        server.server.close(() => resolve());
        sockets.forEach((socket) => socket.destroy());
      }),
    goOnline: () =>
      new Promise<void>((resolve) => {
        online = true;
        server.server.listen(port, "127.0.0.1", resolve);
      }),
    /** Accept this many messages, then stall every later one. */
    stallAfter(n: number) {
      stallAfter = n;
    },
    releaseStalled() {
      stallAfter = Infinity;
      stalled.splice(0).forEach((fail) => fail());
    },
    to: (address: string) => received.filter((m) => (Array.isArray(m.to) ? m.to : m.to ? [m.to] : []).some((t) => t.text.includes(address))),
    close: () => new Promise<void>((resolve) => (online ? server.close(() => resolve()) : resolve())),
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
