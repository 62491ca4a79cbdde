import { calendarDay, type MailEntry, type NoticeMailProps } from "./notice-mail";
import { isolate } from "~/app/_components/isolate";

type Translate = NoticeMailProps["t"];

/** The text/plain block of one notice: the same content as `NoticeEntry` in the HTML template. */
export function noticeEntryText({ item, events, why, url }: MailEntry, t: Translate, vocab: Translate): string {
  const heading = `[${vocab(`tlp.${item.tlp}`)}] ${[...new Set(events.map((kind) => t(`event.${kind}`)))].join(" · ")}`;
  const marking = why ? `${heading}\n${why}` : heading;
  if (item.exposure === "announcement") return [marking, t("redNotice"), `${t("open")}: ${url}`].join("\n");
  const kind = vocab(`kind.${item.kind}`);
  const meta = [item.exposure === "content" ? kind : null, item.place, t("occurred", { date: calendarDay(item.occurredOn) })].filter(Boolean).join(" · ");
  return [
    marking,
    item.exposure === "content" ? isolate(item.title) : kind,
    meta,
    item.exposure === "content" ? item.summary : t("behindSignIn"),
    `${t("open")}: ${url}`,
  ].join("\n");
}

/**
 * The text/plain part of a notice mail around its entries, each already written (see
 * `noticeEntryText`): written directly rather than converted from HTML (converting costs more
 * than rendering, over thousands of digests).
 */
export function noticeMailText({
  heading,
  intro,
  entriesText,
  t,
  unsubscribeUrl,
  preferencesUrl,
}: Omit<NoticeMailProps, "entries" | "vocab"> & { entriesText: string[] }): string {
  const footer = [t("footer"), `${t("preferences")}: ${preferencesUrl}`, unsubscribeUrl ? `${t("unsubscribe")}: ${unsubscribeUrl}` : null].filter(Boolean);
  return [heading.toUpperCase(), intro, ...entriesText, "—", ...footer].join("\n\n") + "\n";
}
