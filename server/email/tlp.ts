import type { NoticeKind, Tlp } from "~/schemas/notice-enums";

/** A notice as the mail builder loads it, before the TLP rule decides what may leave the platform. */
export type MailNotice = {
  id: string;
  kind: NoticeKind;
  tlp: Tlp;
  title: string;
  narrative: string;
  place: string | null;
  occurredOn: string;
};

/**
 * What an email may carry about a notice. Email leaves the platform (forwarded, stored on a
 * mail server, read on a shared phone), so the marking decides:
 *  - CLEAR, GREEN: title and a short summary;
 *  - AMBER, AMBER+STRICT: only kind, marking, crossing/country and date; the content stays
 *    behind sign-in;
 *  - RED: nothing but that a RED notice is addressed to the reader.
 * Every item carries the link, so the reader signs in for the rest.
 */
export type MailItem =
  | { exposure: "content"; id: string; kind: NoticeKind; tlp: "clear" | "green"; title: string; summary: string; place: string | null; occurredOn: string }
  | { exposure: "marking"; id: string; kind: NoticeKind; tlp: "amber" | "amber_strict"; place: string | null; occurredOn: string }
  | { exposure: "announcement"; id: string; tlp: "red" };

export const SUMMARY_LENGTH = 280;

function summarize(narrative: string): string {
  const flat = narrative.replace(/\s+/g, " ").trim();
  return flat.length <= SUMMARY_LENGTH ? flat : `${flat.slice(0, SUMMARY_LENGTH - 1).trimEnd()}…`;
}

export function mailItem(notice: MailNotice): MailItem {
  switch (notice.tlp) {
    case "clear":
    case "green":
      return {
        exposure: "content",
        id: notice.id,
        kind: notice.kind,
        tlp: notice.tlp,
        title: notice.title,
        summary: summarize(notice.narrative),
        place: notice.place,
        occurredOn: notice.occurredOn,
      };
    case "amber":
    case "amber_strict":
      return { exposure: "marking", id: notice.id, kind: notice.kind, tlp: notice.tlp, place: notice.place, occurredOn: notice.occurredOn };
    case "red":
      return { exposure: "announcement", id: notice.id, tlp: "red" };
  }
}
