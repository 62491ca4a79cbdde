import { describe, expect, it } from "vitest";
import { mailItem, SUMMARY_LENGTH, type MailNotice } from "~/server/email/tlp";

const notice = (tlp: MailNotice["tlp"]): MailNotice => ({
  id: "3f1c2d4e-0000-4000-8000-000000000001",
  kind: "seizure",
  tlp,
  title: "Acetic anhydride in a tanker at Torugart",
  narrative: "Declared as solvent; 12 t found behind a false wall. Driver detained.",
  place: "Torugart",
  occurredOn: "2026-11-28",
});

const secrets = (item: object) => JSON.stringify(item).match(/tanker|false wall|Driver/g) ?? [];

describe("what an email may say about a notice", () => {
  it.each(["clear", "green"] as const)("%s: title and summary", (tlp) => {
    const item = mailItem(notice(tlp));
    expect(item).toMatchObject({ exposure: "content", title: "Acetic anhydride in a tanker at Torugart", place: "Torugart", occurredOn: "2026-11-28" });
    expect(item.exposure === "content" && item.summary).toContain("false wall");
  });

  it.each(["amber", "amber_strict"] as const)("%s: kind, marking, place and date, no content", (tlp) => {
    const item = mailItem(notice(tlp));
    expect(item).toEqual({ exposure: "marking", id: notice(tlp).id, kind: "seizure", tlp, place: "Torugart", occurredOn: "2026-11-28" });
    expect(secrets(item)).toEqual([]);
  });

  it("red: only that a RED notice exists, not even its kind, place or date", () => {
    const item = mailItem(notice("red"));
    expect(item).toEqual({ exposure: "announcement", id: notice("red").id, tlp: "red" });
    expect(JSON.stringify(item)).not.toMatch(/Torugart|seizure|2026/);
  });

  it("shortens a long narrative to a summary", () => {
    const item = mailItem({ ...notice("green"), narrative: "word ".repeat(500) });
    expect(item.exposure === "content" && item.summary.length).toBe(SUMMARY_LENGTH);
    expect(item.exposure === "content" && item.summary.endsWith("…")).toBe(true);
  });
});
