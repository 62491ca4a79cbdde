import type { NoticeMailProps } from "./notice-mail";

/**
 * The text/plain part of a notice mail: the same content as the HTML template, written directly
 * rather than converted from HTML (converting costs more than rendering, over thousands of
 * digests).
 */
export function noticeMailText({ heading, intro, entries, t, vocab, unsubscribeUrl, preferencesUrl }: NoticeMailProps): string {
  const blocks = entries.map(({ item, events, url }) => {
    const marking = `[${vocab(`tlp.${item.tlp}`)}] ${[...new Set(events.map((kind) => t(`event.${kind}`)))].join(" · ")}`;
    if (item.exposure === "announcement") return [marking, t("redNotice"), `${t("open")}: ${url}`].join("\n");
    const kind = vocab(`kind.${item.kind}`);
    const meta = [item.exposure === "content" ? kind : null, item.place, t("occurred", { date: item.occurredOn })].filter(Boolean).join(" · ");
    return [
      marking,
      item.exposure === "content" ? item.title : kind,
      meta,
      item.exposure === "content" ? item.summary : t("behindSignIn"),
      `${t("open")}: ${url}`,
    ].join("\n");
  });
  const footer = [t("footer"), `${t("preferences")}: ${preferencesUrl}`, unsubscribeUrl ? `${t("unsubscribe")}: ${unsubscribeUrl}` : null].filter(Boolean);
  return [heading.toUpperCase(), intro, ...blocks, "—", ...footer].join("\n\n") + "\n";
}
