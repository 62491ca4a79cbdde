import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { ParsedMail } from "mailparser";
import { startSmtpSink, type SmtpSink } from "~/tests/smtp-sink";

/** What the sink recorded of one message it received. */
export type LedgerEntry = { messageId: string; to: string[]; subject: string };

type Command = "count" | "ledger" | "setMode" | "rejectRecipient" | "goOffline" | "goOnline" | "holdNext" | "release";
type Request = { id: number; command: Command; args: unknown[] };
type Event = { started: string } | { id: number; result: unknown } | { held: LedgerEntry };

const entryOf = (mail: ParsedMail): LedgerEntry => ({
  messageId: mail.messageId ?? "",
  to: (Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : []).flatMap((t) => t.value.map((a) => a.address ?? "")),
  subject: mail.subject ?? "",
});

// Run as a child process: an SMTP server on a core of its own rather than in the event loop of
// the process under measurement, driven by its parent over IPC. With `--parse` it keeps a ledger
// of every message; `holdNext` keeps the next message unanswered (received, not yet
// acknowledged) until `release`, telling the parent when it has it.
async function child(parse: boolean) {
  const send = (event: Event) => process.send!(event);
  let holding = false;
  let release: (() => void) | undefined;
  const sink: SmtpSink = await startSmtpSink({
    parse,
    beforeAnswer: (mail) => {
      if (!holding) return Promise.resolve();
      holding = false;
      send({ held: mail ? entryOf(mail) : { messageId: "", to: [], subject: "" } });
      return new Promise<void>((resolve) => (release = resolve));
    },
  });
  const commands: Record<Command, (...args: never[]) => unknown> = {
    count: () => sink.count,
    ledger: () => sink.received.map(entryOf),
    setMode: (mode: Parameters<SmtpSink["setMode"]>[0], code?: number) => sink.setMode(mode, code),
    rejectRecipient: (address: string | null) => sink.rejectRecipient(address),
    goOffline: () => sink.goOffline(),
    goOnline: () => sink.goOnline(),
    holdNext: () => void (holding = true),
    release: () => release?.(),
  };
  send({ started: sink.url });
  process.on("message", (request: Request) => {
    void Promise.resolve((commands[request.command] as (...args: unknown[]) => unknown)(...request.args)).then((result) =>
      send({ id: request.id, result: result ?? null }),
    );
  });
  process.on("disconnect", () => void sink.close().then(() => process.exit(0)));
}

if (process.send && process.argv[2] === "--child") await child(process.argv[3] === "--parse");

export async function startSinkProcess(options: { parse?: boolean } = {}) {
  const child = fork(fileURLToPath(import.meta.url), ["--child", options.parse ? "--parse" : "--count"], {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`the SMTP sink process exited (exit code ${code})`)));
    child.on("message", (event: Event) => "started" in event && resolve(event.started));
  });
  // Every later call fails, rather than waits for ever, once the sink process is gone.
  const gone = new Promise<never>((_, reject) => child.once("exit", (code, signal) => reject(new Error(`the SMTP sink process exited (${signal ?? code})`))));
  gone.catch(() => {});
  let nextId = 0;
  const call = <T>(command: Command, ...args: unknown[]) =>
    Promise.race([
      gone,
      new Promise<T>((resolve) => {
        const id = nextId++;
        const onReply = (event: Event) => {
          if ("id" in event && event.id === id) {
            child.off("message", onReply);
            resolve(event.result as T);
          }
        };
        child.on("message", onReply);
        child.send({ id, command, args } satisfies Request);
      }),
    ]);
  return {
    url,
    count: () => call<number>("count"),
    ledger: () => call<LedgerEntry[]>("ledger"),
    setMode: (mode: Parameters<SmtpSink["setMode"]>[0], code?: number) => call("setMode", mode, code),
    rejectRecipient: (address: string | null) => call("rejectRecipient", address),
    goOffline: () => call("goOffline"),
    goOnline: () => call("goOnline"),
    /** Resolves with the next message once the sink has received it, before it answers. */
    holdNext: async () => {
      const held = Promise.race([
        gone,
        new Promise<LedgerEntry>((resolve) => {
          const onHeld = (event: Event) => {
            if (!("held" in event)) return;
            child.off("message", onHeld);
            resolve(event.held);
          };
          child.on("message", onHeld);
        }),
      ]);
      await call("holdNext");
      return { held };
    },
    release: () => call("release"),
    close: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      if (child.connected) child.disconnect();
      else child.kill();
      await exited;
    },
  };
}

export type SinkProcess = Awaited<ReturnType<typeof startSinkProcess>>;
