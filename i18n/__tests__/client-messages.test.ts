import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { CLIENT_NAMESPACES, NOTICE_FORM_NAMESPACES, pickMessages } from "~/i18n/client-namespaces";

const root = join(import.meta.dirname, "..", "..");
const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(dir, entry.name)) : /\.tsx?$/.test(entry.name) ? [join(dir, entry.name)] : [],
  );

/** Each namespace a client module translates with, and the modules that do. */
function clientNamespaces(): Map<string, string[]> {
  const used = new Map<string, string[]>();
  for (const file of sources(join(root, "app"))) {
    const text = readFileSync(file, "utf8");
    if (!/^["']use client["']/m.test(text)) continue;
    for (const match of text.matchAll(/useTranslations\(\s*(?:["']([^"']*)["'])?\s*\)/g)) {
      const namespace = match[1] ?? "";
      used.set(namespace, [...(used.get(namespace) ?? []), relative(root, file)]);
    }
  }
  return used;
}

const covers = (listed: readonly string[], namespace: string) => listed.some((n) => namespace === n || namespace.startsWith(`${n}.`));

describe("messages sent to the browser", () => {
  it("cover every namespace a client component translates with, and no more", () => {
    const used = clientNamespaces();
    expect(used.size).toBeGreaterThan(0);
    const listed = [...CLIENT_NAMESPACES, ...NOTICE_FORM_NAMESPACES];
    const missing = [...used].filter(([namespace]) => !covers(listed, namespace));
    expect(missing, "client modules translating with namespaces that are not sent").toEqual([]);
    const unused = listed.filter((n) => ![...used.keys()].some((namespace) => covers([n], namespace)));
    expect(unused, "namespaces sent that no client module uses").toEqual([]);
  });

  it("are a fraction of the whole catalogue", () => {
    const catalogue = Object.fromEntries(
      readdirSync(join(root, "i18n", "messages", "ru")).map((f) => [f.replace(/\.json$/, ""), JSON.parse(readFileSync(join(root, "i18n", "messages", "ru", f), "utf8")) as unknown]),
    );
    const size = (value: unknown) => Buffer.byteLength(JSON.stringify(value));
    expect(size(pickMessages(catalogue, CLIENT_NAMESPACES))).toBeLessThan(size(catalogue) / 2);
  });

  it("keep the nesting of the namespaces they pick", () => {
    const messages = { a: { b: { c: "x" }, d: "y" }, e: "z" };
    expect(pickMessages(messages, ["a.b", "e", "missing.path"])).toEqual({ a: { b: { c: "x" } }, e: "z" });
  });
});
