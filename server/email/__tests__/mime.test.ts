import { simpleParser } from "mailparser";
import { describe, expect, it } from "vitest";
import { composeMime } from "~/server/email/mime";
import { isPermanentRejection } from "~/server/email/transport";

describe("composeMime", () => {
  const mail = {
    from: "Тяньшань <no-reply@tianshan.local>",
    to: "reader@example.org",
    subject: "Ежедневная сводка, 2026-11-30: 68 сообщений по вашим подпискам на пункты пропуска Торугарт и Иркештам",
    messageId: "<0123456789abcdef@tianshan.local>",
    headers: { "List-Unsubscribe": "<http://localhost:3000/api/unsubscribe/abc.def>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
    text: Buffer.from("СВОДКА\n\n".repeat(200)),
    html: Buffer.from(`<p>${"Торугарт · TLP:AMBER ".repeat(500)}</p>`),
  };

  it("reads back as the same subject, headers and bodies, in lines a mail server accepts", async () => {
    const raw = composeMime(mail);
    const parsed = await simpleParser(raw);
    expect(parsed.subject).toBe(mail.subject);
    expect(parsed.from?.value).toEqual([{ name: "Тяньшань", address: "no-reply@tianshan.local" }]);
    expect(parsed.messageId).toBe(mail.messageId);
    const header = (name: string) => parsed.headerLines.find((h) => h.key === name)?.line;
    expect(header("list-unsubscribe")).toBe("List-Unsubscribe: <http://localhost:3000/api/unsubscribe/abc.def>");
    expect(header("list-unsubscribe-post")).toBe("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
    expect(parsed.text).toBe(mail.text.toString());
    expect(parsed.html).toBe(mail.html.toString());
    const lines = raw.toString("latin1").split("\r\n");
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(78);
    expect(raw.every((byte) => byte < 0x80)).toBe(true);
  });
});

describe("isPermanentRejection", () => {
  // What nodemailer reports, by the SMTP command the server answered.
  const refusal = (responseCode: number | undefined, command: string, code = "EENVELOPE") =>
    Object.assign(new Error("refused"), { responseCode, command, code });

  it.each([
    ["550 to the recipient", refusal(550, "RCPT TO"), true],
    ["554 to the message", refusal(554, "DATA", "EMESSAGE"), true],
    ["451 to the recipient: try again later", refusal(451, "RCPT TO"), false],
    ["421 to the sender: service closing", refusal(421, "MAIL FROM"), false],
    ["550 to our sender: our configuration", refusal(550, "MAIL FROM"), false],
    ["535 to our sign-in: our configuration", refusal(535, "AUTH PLAIN", "EAUTH"), false],
    ["a refused connection", Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNECTION", command: "CONN" }), false],
    ["a timeout", Object.assign(new Error("Timeout"), { code: "ETIMEDOUT", command: "CONN" }), false],
  ])("%s: %s", (_, error, permanent) => {
    expect(isPermanentRejection(error)).toBe(permanent);
  });
});
