import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendMail, useSmtp, type OutgoingMail } from "~/server/email/transport";
import { startSmtpSink, type SmtpSink } from "~/tests/smtp-sink";

let sink: SmtpSink;

beforeAll(async () => {
  sink = await startSmtpSink({ parse: false });
  useSmtp(sink.url);
});

afterAll(async () => {
  useSmtp(null);
  await sink.close();
});

const mail = (n: number): OutgoingMail => ({
  userId: "00000000-0000-4000-8000-000000000000",
  to: "reader@example.org",
  subject: `Message ${n}`,
  html: Buffer.from(`<p>${n}</p>`),
  text: String(n),
  messageId: `<transport-${n}@tianshan.test>`,
  headers: {},
});

/** Sends `count` messages at once; each settles as sent or with its error message, never hangs. */
async function sendBurst(first: number, count: number): Promise<string[]> {
  const outcomes = await Promise.allSettled(Array.from({ length: count }, (_, i) => sendMail(mail(first + i))));
  return outcomes.map((o) => (o.status === "fulfilled" ? "sent" : (o.reason as Error).message));
}

describe("the SMTP transport", () => {
  it("fails fast while the server refuses, then is down altogether, and sends again once it is back", async () => {
    expect(await sendBurst(1, 3)).toEqual(["sent", "sent", "sent"]);

    sink.setMode("refuse", 421);
    for (const outcome of await sendBurst(10, 24)) expect(outcome).toMatch(/421/);
    await sink.goOffline();
    // More messages than the pool has connections: every slot must be freed by its failure.
    for (const outcome of await sendBurst(40, 24)) expect(outcome).toMatch(/ECONNREFUSED|closed/i);

    await sink.goOnline();
    sink.setMode("accept");
    expect(await sendBurst(70, 12)).toEqual(Array(12).fill("sent"));
    expect(sink.count).toBe(15);
  }, 20_000);
});
