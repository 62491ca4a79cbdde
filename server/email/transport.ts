import { connect, type Socket } from "node:net";
import nodemailer, { type Transporter } from "nodemailer";
import addressparser from "nodemailer/lib/addressparser";
import { db, type DbOrTx } from "~/db/index";
import { mailbox } from "~/db/schema";
import { env } from "~/env.js";
import { composeMime } from "./mime";

export type OutgoingMail = {
  userId: string;
  to: string;
  subject: string;
  /** UTF-8, assembled from parts that are rendered once per digest run (see ./notice-mail). */
  html: Buffer;
  text: string;
  messageId: string;
  headers: Record<string, string>;
};

let smtpUrl: string | null | undefined;
let transporter: Transporter | undefined;

/** Tests and the benchmark point mail at their own SMTP receiver (null: the database mailbox). */
export function useSmtp(url: string | null): void {
  smtpUrl = url;
  transporter?.close();
  transporter = undefined;
}

// Reuses connections across messages (a digest run sends thousands), and gives up on a silent
// server well within the mail job's expiry; nodemailer reads these from the URL.
const SMTP_DEFAULTS = { pool: "true", maxConnections: "8", maxMessages: "1000", connectionTimeout: "10000", greetingTimeout: "10000", socketTimeout: "30000" };

function pooled(url: string): string {
  const parsed = new URL(url);
  for (const [name, value] of Object.entries(SMTP_DEFAULTS)) if (!parsed.searchParams.has(name)) parsed.searchParams.set(name, value);
  return parsed.toString();
}

type GetSocket = (options: { host: string; port: number }, callback: (error: Error | null, socket?: { connection: Socket }) => void) => void;

function createTransporter(url: string): Transporter {
  const created = nodemailer.createTransport(pooled(url));
  if (new URL(url).protocol === "smtp:") {
    // Without TCP_NODELAY, the last small write of each message waits for the server's delayed ACK
    // (about 40 ms): over a digest run that was most of the sending time.
    // A connection that fails is handed back to nodemailer to open by itself (and fail again):
    // its pool recovers from a failure of its own connection, but an error returned from here
    // left the connection's slot taken for good, and once the server had been unreachable for a
    // while every later message waited forever (found by the fault harness, scenario 4).
    (created as unknown as { getSocket: GetSocket }).getSocket = (options, callback) => {
      const socket = connect({ host: options.host, port: options.port, noDelay: true });
      const refused = () => callback(null);
      socket.once("error", refused);
      socket.once("connect", () => {
        socket.off("error", refused);
        callback(null, { connection: socket });
      });
    };
  }
  return created;
}

const configuredSmtp = () => (smtpUrl === undefined ? (env.SMTP_URL ?? null) : smtpUrl);

/**
 * Hands a message to SMTP, or, without SMTP_URL, keeps it in the database for the admins' mailbox
 * page (so the demo shows real mail), in the caller's transaction. Throws when the server refuses:
 * the job retries later.
 */
export async function sendMail(mail: OutgoingMail, tx: DbOrTx = db): Promise<void> {
  const url = configuredSmtp();
  if (!url) {
    await tx.insert(mailbox).values({
      userId: mail.userId,
      messageId: mail.messageId,
      to: mail.to,
      subject: mail.subject,
      html: mail.html.toString(),
      text: mail.text,
      headers: Object.entries(mail.headers)
        .map(([name, value]) => `${name}: ${value}`)
        .join("\n"),
    });
    return;
  }
  transporter ??= createTransporter(url);
  await transporter.sendMail({
    envelope: { from: envelopeSender(), to: [mail.to] },
    raw: composeMime({
      from: env.MAIL_FROM,
      to: mail.to,
      subject: mail.subject,
      messageId: mail.messageId,
      headers: mail.headers,
      text: Buffer.from(mail.text),
      html: mail.html,
    }),
  });
}

let sender: string | undefined;

/** MAIL FROM: the address of MAIL_FROM, without its display name. */
function envelopeSender(): string {
  sender ??= addressparser(env.MAIL_FROM, { flatten: true })[0]?.address ?? env.MAIL_FROM;
  return sender;
}

/**
 * A refusal the mail server will repeat however often it is asked: a 5xx reply (RFC 5321 §4.2.1)
 * to the recipient or to the message. Retrying it for a day only keeps it from the admins that
 * long. A 5xx to our sender or our sign-in (MAIL FROM, AUTH) is our configuration, not this
 * message: that keeps retrying, so the mail goes out once the configuration is fixed.
 */
export function isPermanentRejection(error: unknown): boolean {
  const { responseCode, command } = (error ?? {}) as { responseCode?: unknown; command?: unknown };
  return typeof responseCode === "number" && responseCode >= 500 && responseCode < 600 && (command === "RCPT TO" || command === "DATA");
}
