import { describe, expect, it } from "vitest";
import { negotiateLocale } from "~/i18n/locales";

describe("negotiateLocale", () => {
  it("picks the browser's most preferred supported language", () => {
    expect(negotiateLocale("ru-RU,ru;q=0.9,en;q=0.8")).toBe("ru");
    expect(negotiateLocale("de-DE,zh-CN;q=0.7,en;q=0.5")).toBe("zh");
    expect(negotiateLocale("en;q=0.2,ru;q=0.9")).toBe("ru");
  });

  it("falls back to English when nothing matches or the header is missing", () => {
    expect(negotiateLocale("de,fr;q=0.5")).toBe("en");
    expect(negotiateLocale(null)).toBe("en");
    expect(negotiateLocale("ru;q=0")).toBe("en");
  });
});
