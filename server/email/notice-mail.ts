import { createHash } from "node:crypto";
import { createTranslator } from "next-intl";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import type { NoticeEventKind, NotificationMatch } from "~/db/schema";
import { env } from "~/env.js";
import type { Locale } from "~/i18n/locales";
import { loadMessages } from "~/i18n/messages";
import { mailItem, type MailNotice } from "~/server/email/tlp";
import { calendarDay, NoticeEntry, NoticeMail, type MailEntry, type NoticeMailProps } from "~/server/email/templates/notice-mail";
import { noticeEntryText, noticeMailText } from "~/server/email/templates/notice-mail-text";
import { signUnsubscribe } from "~/server/email/unsubscribe-token";
import type { OutgoingMail } from "~/server/email/transport";
import { describeMatch, type MatchedNames } from "~/server/services/notifications/matched";

export type MailKind = "alerts" | "moderation" | "daily" | "weekly";

/** One pending item as loaded for a message: the notice (before the TLP rule) and why it is here. */
export type PendingNotice = MailNotice & {
  event: NoticeEventKind;
  subscriptionId: string | null;
  matched: NotificationMatch | null;
  matchedNames: MatchedNames | null;
};

export type MailRecipient = { userId: string; email: string; locale: Locale; timeZone: string };

type Translate = NoticeMailProps["t"];

const translators = new Map<Locale, Promise<{ t: Translate; vocab: Translate; matched: Translate }>>();

function translatorsFor(locale: Locale) {
  let found = translators.get(locale);
  if (!found) {
    found = loadMessages(locale).then((messages) => ({
      // Emails name calendar days only (when it happened, the digest's day), formatted in UTC.
      t: createTranslator({ locale, messages: messages as never, namespace: "email" as never, timeZone: "UTC" }) as unknown as Translate,
      vocab: createTranslator({ locale, messages: messages as never, namespace: "vocab" as never }) as unknown as Translate,
      matched: createTranslator({ locale, messages: messages as never, namespace: "notifications.matched" as never }) as unknown as Translate,
    }));
    translators.set(locale, found);
  }
  return found;
}

/** Stable for a dedupe key: a message resent after a crash carries the same Message-ID. */
export function messageIdFor(dedupeKey: string): string {
  const host = new URL(env.APP_URL).hostname || "tianshan.local";
  return `<${createHash("sha256").update(dedupeKey).digest("hex").slice(0, 40)}@${host}>`;
}

const XHTML_DOCTYPE = '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">';

// A notice reads the same in every digest of one language: a digest run renders each (notice,
// language, events) block once, HTML and text, instead of once per reader. Bounded; cleared when
// full.
const ENTRY_CACHE_SIZE = 20_000;
// The HTML is kept encoded, as the message is assembled from it: encoding the whole message as
// one string of many pieces cost more than building it.
const entryCache = new Map<string, { html: Buffer; text: string }>();

function renderedEntry(locale: Locale, entry: MailEntry, t: Translate, vocab: Translate): { html: Buffer; text: string } {
  // Every field the block shows (the url names the notice): cheaper than JSON.stringify, which
  // ran for every item of every digest.
  const key = [locale, entry.url, entry.events.join(","), entry.why ?? "", ...Object.values(entry.item)].join("\u0000");
  let rendered = entryCache.get(key);
  if (rendered === undefined) {
    const html = renderToStaticMarkup(createElement(NoticeEntry, { entry, t, vocab }));
    rendered = { html: Buffer.from(`<div>${html}</div>`), text: noticeEntryText(entry, t, vocab) };
    if (entryCache.size >= ENTRY_CACHE_SIZE) entryCache.clear();
    entryCache.set(key, rendered);
  }
  return rendered;
}

const ENTRIES = "<!--entries-->";
const ENTRIES_DIV = `<div>${ENTRIES}</div>`;

const appUrl = (path: string) => new URL(path, env.APP_URL).toString();

/**
 * Builds the email for a list of pending notices: each notice once (however many events or
 * subscriptions brought it), as much of it as its TLP marking allows, with RFC 8058 one-click
 * unsubscribe headers for the subscriptions this message was sent for.
 */
export async function buildNoticeMail(input: {
  kind: MailKind;
  recipient: MailRecipient;
  pending: PendingNotice[];
  dedupeKey: string;
  periodDate: string | null;
}): Promise<OutgoingMail> {
  const { kind, recipient, pending } = input;
  const { t, vocab, matched } = await translatorsFor(recipient.locale);
  const byNotice = new Map<string, { notice: PendingNotice; events: NoticeEventKind[] }>();
  for (const p of pending) {
    const seen = byNotice.get(p.id);
    if (seen) seen.events.push(p.event);
    else byNotice.set(p.id, { notice: p, events: [p.event] });
  }
  const entries: MailEntry[] = [...byNotice.values()].map(({ notice, events }) => {
    const item = mailItem(notice);
    // A subscription's criteria name a crossing and substances: said only where the mail may
    // carry the notice's content, never beside a notice its marking keeps behind sign-in.
    const why =
      notice.matched?.via === "subscription" && item.exposure !== "content" ? null : describeMatch(notice.matched, notice.matchedNames, matched, vocab);
    return { item, events, why, url: appUrl(`/notices/${notice.id}`) };
  });
  const subscriptionIds = [...new Set(pending.flatMap((p) => (p.subscriptionId ? [p.subscriptionId] : [])))].sort();
  const token = subscriptionIds.length ? signUnsubscribe({ userId: recipient.userId, subscriptionIds }) : null;
  // The body links to a page that asks first (link scanners follow links); mail clients POST to
  // the header's address (RFC 8058), which acts at once.
  const unsubscribeUrl = token ? appUrl(`/unsubscribe/${token}`) : null;
  const oneClickUrl = token ? appUrl(`/api/unsubscribe/${token}`) : null;
  const count = entries.length;
  const props: NoticeMailProps = {
    lang: recipient.locale,
    heading: t(`heading.${kind}`),
    intro: t(`intro.${kind}`, { count }),
    entries,
    t,
    vocab,
    unsubscribeUrl,
    preferencesUrl: appUrl("/subscriptions"),
  };
  // Synchronous static rendering: what @react-email/render does, without its stream and
  // pretty-printing, which cost twice as much over a digest run.
  const rendered = entries.map((entry) => renderedEntry(recipient.locale, entry, t, vocab));
  // The frame is rendered around a placeholder, which the entries then take the place of.
  const frame = renderToStaticMarkup(createElement(NoticeMail, { ...props, entriesHtml: [ENTRIES] }));
  const at = frame.indexOf(ENTRIES_DIV);
  const html = Buffer.concat([
    Buffer.from(`${XHTML_DOCTYPE}${frame.slice(0, at)}`),
    ...rendered.map((r) => r.html),
    Buffer.from(frame.slice(at + ENTRIES_DIV.length)),
  ]);
  const text = noticeMailText({ ...props, entriesText: rendered.map((r) => r.text) });
  return {
    userId: recipient.userId,
    to: recipient.email,
    subject: t(`subject.${kind}`, { count, ...(input.periodDate ? { date: calendarDay(input.periodDate) } : {}) }),
    html,
    text,
    messageId: messageIdFor(input.dedupeKey),
    headers: oneClickUrl
      ? { "List-Unsubscribe": `<${oneClickUrl}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click", "Auto-Submitted": "auto-generated" }
      : { "Auto-Submitted": "auto-generated" },
  };
}
