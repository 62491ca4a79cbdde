import { createTranslator } from "next-intl";
import { env } from "~/env.js";
import type { Locale } from "~/i18n/locales";
import { loadMessages } from "~/i18n/messages";
import { messageIdFor } from "./notice-mail";
import type { OutgoingMail } from "./transport";

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * A deconfliction message: that a request waits (to a holder), or what became of one's own (to the
 * requester). It carries no notice's content, title, agency or marking: only where to look, in the
 * app, where the visibility rule decides what is shown. A released notice is linked (it is the
 * requester's to read now).
 */
export async function buildDeconflictionMail(input: {
  recipient: { userId: string; email: string; locale: Locale };
  step: "requested" | "released" | "declined" | "replied";
  noticeId: string;
  dedupeKey: string;
}): Promise<OutgoingMail> {
  const messages = await loadMessages(input.recipient.locale);
  const t = createTranslator({ locale: input.recipient.locale, messages: messages as never, namespace: "deconfliction.mail" as never }) as unknown as (
    key: string,
  ) => string;
  const path = input.step === "released" ? `/notices/${input.noticeId}` : "/deconfliction";
  const url = new URL(path, env.APP_URL).toString();
  const subject = t(`subject.${input.step}`);
  const body = t(`body.${input.step}`);
  const text = `${body}\n\n${url}\n`;
  const html = `<!DOCTYPE html><html lang="${input.recipient.locale}"><body><p>${escape(body)}</p><p><a href="${escape(url)}">${escape(t("open"))}</a></p></body></html>`;
  return {
    userId: input.recipient.userId,
    to: input.recipient.email,
    subject,
    html: Buffer.from(html),
    text,
    messageId: messageIdFor(input.dedupeKey),
    headers: {},
  };
}
