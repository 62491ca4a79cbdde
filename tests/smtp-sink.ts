import type { AddressInfo, Socket } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer, type SMTPServerDataStream } from "smtp-server";

type Mode = "accept" | "refuse" | "stall";

type SinkOptions = { parse?: boolean; beforeAnswer?: (mail: ParsedMail | null) => Promise<void> };

/** What the sink has received and how it is told to answer; its controls change it. */
type SinkState = {
  received: ParsedMail[];
  count: number;
  refused: number;
  mode: Mode;
  refuseCode: number;
  rejectedRecipient: string | null;
  stallAfter: number;
  stalled: (() => void)[];
};

/** The SMTP server, answering each command as the state says. */
function sinkServer(state: SinkState, options: SinkOptions): SMTPServer {
  const parse = options.parse ?? true;
  const answer = (mail: ParsedMail | null, callback: (error?: Error) => void) =>
    (options.beforeAnswer?.(mail) ?? Promise.resolve()).then(() => callback(), callback);

  return new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    size: 10 * 1024 * 1024,
    onMailFrom(_address, _session, callback) {
      if (state.mode === "refuse") {
        state.refused++;
        return callback(Object.assign(new Error("Service temporarily unavailable"), { responseCode: state.refuseCode }));
      }
      callback();
    },
    onRcptTo(address, _session, callback) {
      if (address.address.toLowerCase() === state.rejectedRecipient) {
        state.refused++;
        return callback(Object.assign(new Error("No such mailbox"), { responseCode: 550 }));
      }
      callback();
    },
    onData(stream: SMTPServerDataStream, _session, callback) {
      if (state.count >= state.stallAfter) {
        stream.resume();
        state.stalled.push(() => callback(new Error("stalled")));
        return;
      }
      state.count++;
      if (!parse) {
        stream.on("end", () => void answer(null, callback));
        stream.resume();
        return;
      }
      simpleParser(stream).then(
        (mail) => {
          state.received.push(mail);
          void answer(mail, callback);
        },
        (error: Error) => callback(error),
      );
    },
  });
}

/**
 * A real SMTP server in the test process. `refuse` answers 451 (try again later; or another
 * code, such as 421) like a server that is down for a while; `stall` swallows the message without
 * ever answering, like a connection lost mid-send. `beforeAnswer` runs once a message is received
 * and before the server says so: the fault harness kills the sending worker there.
 */
export async function startSmtpSink(options: SinkOptions = {}) {
  const state: SinkState = {
    received: [],
    count: 0,
    refused: 0,
    mode: "accept",
    refuseCode: 451,
    rejectedRecipient: null,
    stallAfter: Infinity,
    stalled: [],
  };
  const { received, stalled } = state;
  const server = sinkServer(state, options);
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
      return state.count;
    },
    get refused() {
      return state.refused;
    },
    get stalled() {
      return stalled.length;
    },
    setMode(next: Mode, code = 451) {
      state.mode = next;
      state.refuseCode = code;
    },
    /** Answer 550 (no such mailbox, a permanent failure) to this recipient; null: accept everyone. */
    rejectRecipient(address: string | null) {
      state.rejectedRecipient = address?.toLowerCase() ?? null;
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
      state.stallAfter = n;
    },
    releaseStalled() {
      state.stallAfter = Infinity;
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
