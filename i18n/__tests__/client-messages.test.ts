import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { CLIENT_NAMESPACES, NOTICE_FORM_NAMESPACES, pickMessages, SECTION_NAMESPACES, type ClientSection } from "~/i18n/client-namespaces";

const root = join(import.meta.dirname, "..", "..");
const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(dir, entry.name)) : /\.tsx?$/.test(entry.name) ? [join(dir, entry.name)] : [],
  );
const read = (file: string) => readFileSync(file, "utf8");
const isClient = (text: string) => /^["']use client["']/m.test(text);

/** The namespaces a module translates with on the client (none unless it is a "use client" module). */
const namespacesOf = (text: string) =>
  isClient(text) ? [...text.matchAll(/useTranslations\(\s*(?:["']([^"']*)["'])?\s*\)/g)].map((match) => match[1] ?? "") : [];

/** Each namespace a client module translates with, and the modules that do. */
function clientNamespaces(): Map<string, string[]> {
  const used = new Map<string, string[]>();
  for (const file of sources(join(root, "app"))) {
    for (const namespace of namespacesOf(read(file))) used.set(namespace, [...(used.get(namespace) ?? []), relative(root, file)]);
  }
  return used;
}

/**
 * The project's modules that `file` imports (static and dynamic imports; not type-only ones), as
 * files. By module, not by component: a page that renders one component of a module is counted as
 * rendering all of them.
 */
function importsOf(file: string): string[] {
  const text = read(file);
  const specifiers = [
    ...[...text.matchAll(/^(?:import|export)\s+(type\s+)?(?:[^;]*?\sfrom\s+)?["']([^"']+)["']/gm)].filter((match) => !match[1]).map((match) => match[2]),
    ...[...text.matchAll(/import\(\s*["']([^"']+)["']\s*\)/g)].map((match) => match[1]),
  ];
  const found: string[] = [];
  for (const specifier of specifiers) {
    const base = specifier!.startsWith("~/") ? join(root, specifier!.slice(2)) : specifier!.startsWith(".") ? resolve(dirname(file), specifier!) : null;
    if (!base) continue;
    const target = [`${base}.tsx`, `${base}.ts`, join(base, "index.tsx"), join(base, "index.ts")].find(existsSync);
    if (target) found.push(target);
  }
  return found;
}

/** The namespaces the client modules a page renders translate with (everything it imports, transitively). */
function neededBy(page: string): Map<string, string> {
  const needed = new Map<string, string>();
  const seen = new Set<string>();
  const queue = [page];
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const namespace of namespacesOf(read(file))) needed.set(namespace, relative(root, file));
    queue.push(...importsOf(file));
  }
  return needed;
}

/** What a page is sent: every page's namespaces, its layouts' sections, and what the page itself adds. */
function sentTo(page: string): string[] {
  const sent: string[] = [...CLIENT_NAMESPACES];
  for (let dir = dirname(page); dir.startsWith(join(root, "app")); dir = dirname(dir)) {
    const layout = join(dir, "layout.tsx");
    if (!existsSync(layout)) continue;
    const section = /clientSection\(\s*"(\w+)"/.exec(read(layout))?.[1] as ClientSection | undefined;
    if (section) sent.push(...SECTION_NAMESPACES[section]);
  }
  if (/more=\{NOTICE_FORM_NAMESPACES\}/.test(read(page))) sent.push(...NOTICE_FORM_NAMESPACES);
  return sent;
}

const covers = (listed: readonly string[], namespace: string) => listed.some((n) => namespace === n || namespace.startsWith(`${n}.`));

describe("messages sent to the browser", () => {
  it("cover every namespace a client component translates with, and no more", () => {
    const used = clientNamespaces();
    expect(used.size).toBeGreaterThan(0);
    const listed = [...CLIENT_NAMESPACES, ...Object.values(SECTION_NAMESPACES).flat()];
    const missing = [...used].filter(([namespace]) => !covers(listed, namespace));
    expect(missing, "client modules translating with namespaces that are not sent").toEqual([]);
    const unused = listed.filter((n) => ![...used.keys()].some((namespace) => covers([n], namespace)));
    expect(unused, "namespaces sent that no client module uses").toEqual([]);
  });

  it("reach each page whose client modules translate with them", () => {
    const pages = sources(join(root, "app")).filter((file) => /[/\\]page\.tsx$/.test(file));
    expect(pages.length).toBeGreaterThan(10);
    const missing = pages.flatMap((page) => {
      const sent = sentTo(page);
      return [...neededBy(page)].filter(([namespace]) => !covers(sent, namespace)).map(([namespace, file]) => `${relative(root, page)}: ${namespace} (${file})`);
    });
    expect(missing, "pages not sent a namespace their client modules translate with").toEqual([]);
  });

  it("are a fraction of the whole catalogue on every page", () => {
    const catalogue = Object.fromEntries(
      readdirSync(join(root, "i18n", "messages", "ru")).map((f) => [f.replace(/\.json$/, ""), JSON.parse(readFileSync(join(root, "i18n", "messages", "ru", f), "utf8")) as unknown]),
    );
    const size = (value: unknown) => Buffer.byteLength(JSON.stringify(value));
    expect(size(pickMessages(catalogue, CLIENT_NAMESPACES))).toBeLessThan(size(catalogue) / 5);
  });

  it("keep the nesting of the namespaces they pick", () => {
    const messages = { a: { b: { c: "x" }, d: "y" }, e: "z" };
    expect(pickMessages(messages, ["a.b", "e", "missing.path"])).toEqual({ a: { b: { c: "x" } }, e: "z" });
  });
});
