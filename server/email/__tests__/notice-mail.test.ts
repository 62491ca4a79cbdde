import { describe, expect, it } from "vitest";
import type { Locale } from "~/i18n/locales";
import { buildNoticeMail } from "~/server/email/notice-mail";

const pending = {
  id: "3f1c2d4e-0000-4000-8000-000000000002",
  kind: "seizure" as const,
  tlp: "green" as const,
  title: "Acetic anhydride in a tanker at Torugart",
  narrative: "Declared as solvent; 12 t found behind a false wall.",
  place: "Torugart",
  occurredOn: "2026-11-28",
  event: "published" as const,
  subscriptionId: null,
  matched: null,
  matchedNames: null,
};

const digest = (locale: Locale, timeZone: string) =>
  buildNoticeMail({
    kind: "daily",
    recipient: { userId: "3f1c2d4e-0000-4000-8000-0000000000aa", email: "reader@example.org", locale, timeZone },
    pending: [pending],
    dedupeKey: `daily:${locale}`,
    periodDate: "2026-11-29",
  });

const day = (locale: string, iso: string) => new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" }).format(new Date(`${iso}T00:00:00Z`));

describe("a notice email", () => {
  it.each([
    ["en", "America/Los_Angeles", "Your daily digest, ", "Occurred "],
    ["ru", "Asia/Bishkek", "Ваша ежедневная сводка, ", "Дата события: "],
    ["zh", "Asia/Shanghai", "您的每日摘要，", "发生日期："],
  ] as const)("in %s names its days in the reader's language, the same day wherever the reader is", async (locale, timeZone, subject, occurred) => {
    const mail = await digest(locale, timeZone);
    expect(mail.subject).toBe(`${subject}${day(locale, "2026-11-29")}`);
    expect(mail.text).toContain(`${occurred}${day(locale, "2026-11-28")}`);
    expect(mail.html.toString()).toContain(day(locale, "2026-11-28"));
    expect(`${mail.subject}\n${mail.text}`).not.toMatch(/2026-11-2[89]/);
  });

  it("says which subscription brought a notice, but never beside one whose marking keeps its content out of mail", async () => {
    const matched = {
      via: "subscription",
      crossingIds: ["torugart"],
      substanceIds: ["acetic-anhydride"],
      countryCodes: [],
      countryRole: "any",
      kinds: [],
      agencyIds: [],
    } as const;
    const matchedNames = { crossings: ["Torugart"], substances: ["Acetic anhydride"], countries: [], agencies: [] };
    const mail = (tlp: "green" | "amber") =>
      buildNoticeMail({
        kind: "alerts",
        recipient: { userId: "3f1c2d4e-0000-4000-8000-0000000000aa", email: "reader@example.org", locale: "en", timeZone: "UTC" },
        pending: [
          {
            ...pending,
            tlp,
            matched: { ...matched, crossingIds: [...matched.crossingIds], substanceIds: [...matched.substanceIds], countryCodes: [], kinds: [], agencyIds: [] },
            matchedNames,
          },
        ],
        dedupeKey: `alerts:${tlp}`,
        periodDate: null,
      });
    const green = await mail("green");
    expect(green.text).toContain("Torugart · Acetic anhydride (your subscription)");
    expect(green.html.toString()).toContain("Torugart · Acetic anhydride (your subscription)");
    const amber = await mail("amber");
    expect(`${amber.text}${amber.html.toString()}`).not.toContain("(your subscription)");
    expect(`${amber.text}${amber.html.toString()}`).not.toContain("Acetic anhydride");
  });
});
