import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import {
  CLIENT_NAMESPACES,
  NOTICE_FORM_NAMESPACES,
  NOTICE_ERROR_KEYS,
  NOTICE_KIND_NAMESPACES,
  NOTICE_PAGE_VALIDATION_KEYS,
  NOTICE_VALIDATION_KEYS,
  noticeFormNamespaces,
  pickMessages,
  SECTION_NAMESPACES,
  sectionNamespaces,
  type ClientSection,
} from "~/i18n/client-namespaces";

const root = join(import.meta.dirname, "..", "..");
const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(dir, entry.name)) : /\.tsx?$/.test(entry.name) ? [join(dir, entry.name)] : [],
  );
const read = (file: string) => readFileSync(file, "utf8");
const isClient = (text: string) => /^["']use client["']/m.test(text);

/**
 * The messages a module translates with, as paths: "ns.key" for each key a translator is called
 * with literally (`t("key")`, `t.rich("key")`, `t.has("key")`), the whole "ns" when it is called
 * with a key computed at run time or handed on (then any key may be asked for).
 */
function namespacesOf(text: string): string[] {
  const paths: string[] = [];
  for (const match of text.matchAll(/(?:const\s+(\w+)\s*=\s*)?useTranslations\(\s*(?:["']([^"']*)["'])?\s*\)/g)) {
    const [, name, namespace = ""] = match;
    const rest = text.slice(match.index + match[0].length);
    // A key in backticks counts down to its last dot before the first `${…}` ("tlp." of `tlp.${level}`);
    // the name declared again (`const t = …` in the next component) is no use of it.
    const uses = name
      ? [...rest.matchAll(new RegExp(`(?<!const |["'.])\\b${name}\\b(?:\\.(?:rich|markup|raw|has))?(\\(\\s*(?:["']([^"'$]+)["']|\`([\\w.]+)\\.\\$\\{))?`, "g"))]
      : [];
    if (uses.length === 0 || uses.some((use) => !use[1])) paths.push(namespace);
    else paths.push(...uses.map((use) => (namespace ? `${namespace}.${use[2] ?? use[3]}` : (use[2] ?? use[3])!)));
  }
  return paths;
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

/**
 * The modules that run in the browser among `entries` and what they import, transitively: the
 * "use client" modules, and every module they import (a shared module, such as the form fields,
 * renders on the server when a server module imports it, in the browser when a client one does).
 */
function clientModules(entries: string[], skip: ReadonlySet<string> = new Set()): Set<string> {
  const client = new Set<string>();
  const seen = new Set<string>();
  const queue = entries.map((file) => ({ file, imported: false }));
  while (queue.length) {
    const { file, imported } = queue.pop()!;
    if (skip.has(file)) continue;
    const inClient = imported || isClient(read(file));
    if (seen.has(`${inClient}:${file}`)) continue;
    seen.add(`${inClient}:${file}`);
    if (inClient) client.add(file);
    queue.push(...importsOf(file).map((target) => ({ file: target, imported: inClient })));
  }
  return client;
}

/** Each message path a module running in the browser translates with, and the modules that do. */
function clientNamespaces(): Map<string, string[]> {
  const used = new Map<string, string[]>();
  for (const file of clientModules(sources(join(root, "app")))) {
    for (const namespace of namespacesOf(read(file))) used.set(namespace, [...(used.get(namespace) ?? []), relative(root, file)]);
  }
  return used;
}

/** The files Next.js renders around a page: its folder's and every parent folder's layout, error page and the like. */
const FRAME = ["layout.tsx", "template.tsx", "error.tsx", "global-error.tsx", "not-found.tsx", "loading.tsx"];
function frameOf(page: string): string[] {
  const files: string[] = [];
  for (let dir = dirname(page); dir.startsWith(join(root, "app")); dir = dirname(dir)) files.push(...FRAME.map((name) => join(dir, name)).filter(existsSync));
  return files;
}

/** The message paths the client modules a page renders translate with (everything it and its frame import, transitively). */
function neededBy(page: string): Map<string, string> {
  const needed = new Map<string, string>();
  for (const file of clientModules([page, ...frameOf(page)])) for (const namespace of namespacesOf(read(file))) needed.set(namespace, relative(root, file));
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
  // A new notice is sent its kind's share of them (checked per kind below).
  if (/more=\{(NOTICE_FORM_NAMESPACES|noticeFormNamespaces\(\w+\))\}/.test(read(page))) sent.push(...NOTICE_FORM_NAMESPACES);
  return sent;
}

const catalogueOf = (namespace: string) => JSON.parse(read(join(root, "i18n", "messages", "en", `${namespace}.json`))) as Record<string, unknown>;
const serviceModules = (folder: string) => sources(join(root, "server", "services", folder)).filter((file) => !file.includes("__tests__"));
/** The keys of `catalogue` quoted in `modules`: the refusals they can give. */
function quotedKeys(catalogue: Record<string, unknown>, modules: string[]): string[] {
  const quoted = new Set(modules.flatMap((file) => [...read(file).matchAll(/["'`](\w+)["'`]/g)].map((match) => match[1]!)));
  return Object.keys(catalogue).filter((key) => quoted.has(key));
}
// What a new notice is checked by: its schemas, the notice services, its action.
const NEW_NOTICE_MODULES = [
  ...["issues.ts", "fields.ts", "form.ts", "notices.ts", "notice-enums.ts", "notice-limits.ts", "parse-form.ts"].map((file) => join(root, "schemas", file)),
  ...serviceModules("notices"),
  join(root, "server", "api", "form-actions.ts"),
  join(root, "app", "(app)", "notices", "_components", "form", "actions.ts"),
];
// What the notice page's forms are checked by, beyond: their actions, schemas and services.
const NOTICE_PAGE_MODULES = [
  ...["moderation.ts", "subscriptions.ts", "deconfliction.ts"].map((file) => join(root, "schemas", file)),
  ...["moderation", "subscriptions", "deconfliction"].flatMap(serviceModules),
  ...["notices/[id]/actions.ts", "_components/follow-actions.ts", "_components/deconfliction-actions.ts", "moderation/actions.ts"].map((file) =>
    join(root, "app", "(app)", file),
  ),
];
// What refuses or fails any request: the procedures' errors, the request guard and budget, the form layer's own keys.
const REQUEST_MODULES = [
  ...["trpc.ts", "errors.ts", "request-guard.ts"].map((file) => join(root, "server", "api", file)),
  // The page of a failed document request (failed-page.ts) is a page, never a form's refusal.
  ...sources(join(root, "server", "http")).filter((file) => !file.includes("__tests__") && !file.endsWith("failed-page.ts")),
  join(root, "server", "services", "errors.ts"),
  join(root, "proxy.ts"),
  ...sources(join(root, "app", "_components", "form")),
];

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
      return [...neededBy(page)]
        .filter(([namespace]) => !covers(sent, namespace))
        .map(([namespace, file]) => `${relative(root, page)}: ${namespace} (${file})`);
    });
    expect(missing, "pages not sent a namespace their client modules translate with").toEqual([]);
  });

  it("reach the new notice of each kind without the other kinds' parts", () => {
    const form = join(root, "app", "(app)", "notices", "_components", "form");
    const parts = { seizure: ["seizure-part.tsx"], company_alert: ["company-part.tsx", "similar-alerts.tsx"], arrest: ["arrest-part.tsx"] };
    // The error summary names fields by keys it computes (field-labels.ts): each must be sent to some kind.
    const labels = join(form, "field-labels.ts");
    const labelKeys = [...read(labels).matchAll(/^\s+\w+: "([\w.]+)",$/gm)].map((match) => `noticeForm.${match[1]}`);
    expect(labelKeys.length).toBeGreaterThan(20);
    const everyKind = Object.keys(parts).flatMap((kind) => noticeFormNamespaces(kind as keyof typeof parts));
    expect(labelKeys.filter((key) => !covers(everyKind, key))).toEqual([]);
    for (const [kind, own] of Object.entries(parts)) {
      const others = Object.entries(parts).flatMap(([other, files]) => (other === kind ? [] : files.map((file) => join(form, file))));
      const sent = noticeFormNamespaces(kind as keyof typeof parts);
      const needed = [...clientModules([join(form, "notice-form.tsx")], new Set([...others, labels]))].flatMap((file) =>
        namespacesOf(read(file)).map((namespace) => `${relative(root, file)}: ${namespace}`),
      );
      expect(needed.length).toBeGreaterThan(10);
      expect(own.every((file) => needed.some((line) => line.startsWith(relative(root, join(form, file)))))).toBe(true);
      // The fields and the form translate a refusal's key (any of `validation`, `errors`): the keys a notice can be refused with are checked below.
      expect(
        needed.filter((line) => !["validation", "errors"].includes(line.split(": ")[1]!) && !covers(sent, line.split(": ")[1]!)),
        `a new ${kind} is not sent`,
      ).toEqual([]);
      // And nothing another kind needs only.
      const othersOnly = Object.entries(NOTICE_KIND_NAMESPACES).flatMap(([other, list]) => (other === kind ? [] : list.filter((n) => !covers(sent, n))));
      expect(othersOnly.length).toBeGreaterThan(0);
    }
  });

  it("are a fraction of the whole catalogue on every page", () => {
    const catalogue = Object.fromEntries(
      readdirSync(join(root, "i18n", "messages", "ru")).map((f) => [
        f.replace(/\.json$/, ""),
        JSON.parse(readFileSync(join(root, "i18n", "messages", "ru", f), "utf8")) as unknown,
      ]),
    );
    const size = (value: unknown) => Buffer.byteLength(JSON.stringify(value));
    expect(size(pickMessages(catalogue, CLIENT_NAMESPACES))).toBeLessThan(size(catalogue) / 5);
  });

  it("keep the nesting of the namespaces they pick", () => {
    const messages = { a: { b: { c: "x" }, d: "y" }, e: "z" };
    expect(pickMessages(messages, ["a.b", "e", "missing.path"])).toEqual({ a: { b: { c: "x" } }, e: "z" });
  });
});

describe("refusals sent to a notice's forms", () => {
  it("give a new notice every validation message its schemas and services can refuse it with", () => {
    const validation = catalogueOf("validation");
    const refusals = quotedKeys(validation, NEW_NOTICE_MODULES);
    expect(refusals).toContain("invalidHsCode");
    expect(refusals.filter((key) => !(NOTICE_VALIDATION_KEYS as readonly string[]).includes(key))).toEqual([]);
    expect(NOTICE_VALIDATION_KEYS.filter((key) => !(key in validation))).toEqual([]);
    expect(noticeFormNamespaces("seizure")).not.toContain("validation");
  });

  it("give the notice page every validation message its forms' schemas and services can refuse them with", () => {
    const validation = catalogueOf("validation");
    const refusals = quotedKeys(validation, NOTICE_PAGE_MODULES);
    expect(refusals).toContain("mergeIntoSelf");
    expect(refusals.filter((key) => !(NOTICE_PAGE_VALIDATION_KEYS as readonly string[]).includes(key))).toEqual([]);
    expect(NOTICE_PAGE_VALIDATION_KEYS.filter((key) => !(key in validation))).toEqual([]);
    expect(sectionNamespaces("notice")).not.toContain("validation");
    expect(sectionNamespaces("notice")).toContain("validation.linkToSelf");
  });

  it("tell a notice's forms every refusal of `errors` their requests, actions and services can answer with", () => {
    const errors = catalogueOf("errors");
    const refusals = quotedKeys(errors, [...NEW_NOTICE_MODULES, ...NOTICE_PAGE_MODULES, ...REQUEST_MODULES]);
    expect(refusals).toEqual(expect.arrayContaining(["network", "tooManyRequests", "payloadTooLarge", "versionConflict", "notYourNotice"]));
    expect(refusals.filter((key) => !(NOTICE_ERROR_KEYS as readonly string[]).includes(key))).toEqual([]);
    expect(NOTICE_ERROR_KEYS.filter((key) => !(key in errors))).toEqual([]);
    for (const sent of [sectionNamespaces("notice"), noticeFormNamespaces("seizure")]) {
      expect(sent).not.toContain("errors");
      expect(sent).toContain("errors.noticeRetracted");
    }
  });
});
