import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LOCALES } from "~/i18n/locales";
import { fillFrom, NAMESPACES } from "~/i18n/messages";

const root = join(import.meta.dirname, "..", "messages");

function keys(value: unknown, prefix = ""): string[] {
  if (value === null || typeof value !== "object") return [prefix];
  return Object.entries(value).flatMap(([key, child]) => keys(child, prefix ? `${prefix}.${key}` : key));
}

const read = (locale: string, ns: string) => JSON.parse(readFileSync(join(root, locale, `${ns}.json`), "utf8")) as unknown;

describe("translations", () => {
  it("loads every namespace file that exists, and nothing is left out of the list", () => {
    for (const locale of LOCALES) {
      const files = readdirSync(join(root, locale)).map((f) => f.replace(/\.json$/, ""));
      expect(files.sort()).toEqual([...NAMESPACES].sort());
    }
  });

  it.each(NAMESPACES)("has the same keys in English and Russian in %s", (ns) => {
    expect(keys(read("ru", ns)).sort()).toEqual(keys(read("en", ns)).sort());
  });

  it.each(NAMESPACES)("has the same keys in English and Chinese in %s", (ns) => {
    expect(keys(read("zh", ns)).sort()).toEqual(keys(read("en", ns)).sort());
  });

  it.each(NAMESPACES)("has no empty Russian strings in %s", (ns) => {
    const flat = JSON.stringify(read("ru", ns));
    expect(flat).not.toMatch(/:""/);
  });
});

describe("a translation laid over English", () => {
  it("keeps English for what is untranslated and takes a compiled message (an array) whole", () => {
    // As next-intl's catalog loader compiles them in the build: "{count} notices" is an array.
    const en = { list: { count: [["count"], " notices"], title: "Feed" } };
    const ru = { list: { count: [["count"], " сообщений"] } };
    expect(fillFrom(en, ru)).toEqual({ list: { count: [["count"], " сообщений"], title: "Feed" } });
  });
});
