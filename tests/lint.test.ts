import { readFileSync } from "node:fs";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

// The notice-table rule of eslint.config.js, run through ESLint's own API as `npm run lint` runs
// it. The fixture lives in tests/lint-fixtures/ (ignored by the lint run) and is linted here as if
// it were at the paths given, since a module's path decides whether it may import the tables.
const eslint = new ESLint({ cwd: process.cwd() });
const fixture = readFileSync("tests/lint-fixtures/reads-notices-directly.ts", "utf8");
const RULE_MESSAGE = /The notice tables are read only through the visibility module/;

async function problems(code: string, filePath: string) {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.map((m) => ({ rule: m.ruleId, line: m.line, refused: RULE_MESSAGE.test(m.message) }));
}

describe("the notice tables are read only through the visibility module (lint)", () => {
  it("refuses a route or a service that imports the notices table", async () => {
    for (const path of ["app/api/notices/route.ts", "server/services/notices/export.ts", "server/api/routers/notices.ts"]) {
      // (A route importing the database at all is the layers' business, below.)
      expect((await problems(fixture, path)).filter((p) => p.rule !== "boundaries/dependencies")).toEqual([
        { rule: "no-restricted-imports", line: 3, refused: true },
      ]);
    }
  });

  it("accepts the same module at a listed path, and the visibility module as it is", async () => {
    expect(await problems(fixture, "server/services/visibility.ts")).toEqual([]);
    const [visibility] = await eslint.lintFiles(["server/services/visibility.ts"]);
    expect(visibility!.messages).toEqual([]);
  });

  it("refuses the ways around: other paths, namespace and dynamic imports, re-exports, db.query, disable comments, raw SQL", async () => {
    const at = "server/services/notices/export.ts";
    const refused = async (code: string) => (await problems(code, at)).filter((p) => p.refused).length;
    expect(await refused(`import { notices } from "../../../db/schema";`)).toBe(1);
    expect(await refused(`import { noticeLinks } from "~/db/schema/notices";`)).toBe(1);
    expect(await refused(`import { seizureItems } from "~/db/schema/index.ts";`)).toBe(1);
    expect(await refused(`import type { searchWords } from "~/db/schema";`)).toBe(1);
    expect(await refused(`import * as schema from "~/db/schema";\nexport const s = schema;`)).toBe(1);
    expect(await refused(`export { companyAlerts as c } from "~/db/schema";`)).toBe(1);
    expect(await refused(`export * from "~/db/schema/notices";`)).toBe(1);
    expect(await refused(`export const s = await import("~/db/schema");`)).toBe(1);
    expect(await refused(`import { db } from "~/db/index";\nexport const n = db.query.notices.findMany();`)).toBe(1);
    expect(await refused(`// eslint-disable-next-line no-restricted-imports\nimport { notices } from "~/db/schema";`)).toBe(1);
    expect(await refused('import { sql } from "drizzle-orm";\nexport const q = (id: string) => sql`SELECT title FROM notices WHERE id = ${id}`;')).toBe(1);
    expect(await refused(`export const q = "select * from notice_recipients";`)).toBe(1);
    // Tables derived from notices (issue 19: entities and where notices mention them) alike.
    expect(await refused(`import { entityMentions } from "~/db/schema";`)).toBe(1);
    expect(await refused(`import { entities } from "~/db/schema/entities";`)).toBe(1);
    expect(await refused(`export const q = "select value from entity_mentions";`)).toBe(1);
    // Other tables of the schema stay free to import.
    expect(await problems(`import { users, agencies } from "~/db/schema";\nexport const t = [users, agencies];`, at)).toEqual([]);
  });

  it("refuses every table of every notice schema file, imported from its file or the schema index, or named in SQL", async () => {
    const at = "server/services/notices/export.ts";
    const refused = async (code: string) => (await problems(code, at)).filter((p) => p.refused).length;
    for (const file of ["notices", "notice-kinds"]) {
      const tables = [...readFileSync(`db/schema/${file}.ts`, "utf8").matchAll(/^export const (\w+) = pgTable\(\s*"(\w+)"/gm)];
      expect(tables.length).toBeGreaterThan(2);
      for (const [, name, sqlName] of tables) {
        expect([name, await refused(`import { ${name} } from "~/db/schema/${file}";\nexport const t = ${name};`)]).toEqual([name, 1]);
        expect([name, await refused(`import { ${name} } from "../../../db/schema";\nexport const t = ${name};`)]).toEqual([name, 1]);
        expect([sqlName, await refused(`export const q = "select * from ${sqlName}";`)]).toEqual([sqlName, 1]);
      }
    }
  });

  it("refuses a listed module that hands the tables on under another name", async () => {
    const reexport = `import { notices } from "~/db/schema";\nexport { notices as rows };`;
    expect((await problems(reexport, "server/services/notices/feed.ts")).filter((p) => p.refused)).toEqual([
      { rule: "no-restricted-syntax", line: 2, refused: true },
    ]);
  });
});

describe("the layers (lint: eslint/boundaries.js)", () => {
  const crossings = async (code: string, filePath: string) =>
    (await eslint.lintText(code, { filePath }))[0]!.messages.filter((m) => m.ruleId === "boundaries/dependencies").map((m) => m.line);

  it("refuses an import against the direction routes → routers → services → database", async () => {
    expect(await crossings(`import { appRouter } from "~/server/api/root";\nexport const r = appRouter;`, "server/services/notices/export.ts")).toEqual([1]);
    expect(await crossings(`import { api } from "~/app/_trpc/server";\nexport const a = api;`, "server/services/notices/export.ts")).toEqual([1]);
    expect(await crossings(`import { startWorker } from "~/server/jobs/worker";\nexport const w = startWorker;`, "server/services/mail-admin.ts")).toEqual([1]);
    expect(await crossings(`import { db } from "~/db/index";\nexport const d = db;`, "app/(app)/feed/page.tsx")).toEqual([1]);
    expect(await crossings(`import { feedPage } from "~/server/services/notices/feed";\nexport const f = feedPage;`, "db/migrate.ts")).toEqual([1]);
    expect(await crossings(`import { enqueue } from "../services/notices/events";\nexport const e = enqueue;`, "server/queue/enqueue.ts")).toEqual([1]);
  });

  it("accepts the layers' own directions, and a listed exception only where it is listed", async () => {
    expect(await crossings(`import { db } from "~/db/index";\nexport const d = db;`, "server/services/notices/export.ts")).toEqual([]);
    expect(await crossings(`import { enqueue } from "~/server/queue/enqueue";\nexport const e = enqueue;`, "server/services/notices/events.ts")).toEqual([]);
    const signIn = `import { signInWithPassword } from "~/server/services/sign-in";\nexport const s = signInWithPassword;`;
    expect(await crossings(signIn, "app/(auth)/signin/actions.ts")).toEqual([]);
    expect(await crossings(signIn, "app/(app)/feed/page.tsx")).toEqual([1]);
  });
});

describe("no module cycles (lint: eslint/cycles.js)", () => {
  // The fixtures are ignored by the lint run; this linter reads them where they are.
  const unignored = new ESLint({ cwd: process.cwd(), ignore: false });
  const cycles = async (...files: string[]) =>
    (await unignored.lintFiles(files.map((file) => `tests/lint-fixtures/cycle/${file}`))).map((result) =>
      result.messages.filter((m) => m.ruleId === "import-x/no-cycle").map((m) => m.line),
    );

  it("refuses both imports of a cycle, static or through a dynamic import()", async () => {
    expect(await cycles("a.ts", "b.ts")).toEqual([[2], [1]]);
    expect(await cycles("loads.ts", "loaded.ts")).toEqual([[2], [1]]);
  });

  it("accepts a cycle that only a type closes, and the tree's combobox pair, whose shared types have a module of their own", async () => {
    expect(await cycles("typed.ts", "typed-back.ts")).toEqual([[], []]);
    const tree = await eslint.lintFiles(["app/_components/combobox.tsx", "app/_components/combobox-live.tsx"]);
    expect(tree.map((result) => result.messages)).toEqual([[], []]);
  });
});
