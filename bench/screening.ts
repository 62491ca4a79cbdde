import "./lib/bench-env";
import os from "node:os";
import { sql } from "drizzle-orm";
import { runMigrations } from "~/db/migrate";
import { db, useDatabaseUrl } from "~/db/index";
import { seedDemo } from "~/db/seed/demo";
import { asUser } from "~/db/seed/notices";
import { seedReference } from "~/db/seed/reference";
import { env } from "~/env.js";
import type { DeclarationLine } from "~/schemas/screening";
import type { Viewer } from "~/server/auth/sessions";
import { recogniseEach } from "~/server/services/notices/entities";
import { companyNameMatches, declaredAsMatches, identifierMatches } from "~/server/services/screening/notices";
import { descriptionPhrases, identifierKeys, PARTY_FIELDS, partyName } from "~/server/services/screening/phrases";
import { screenDeclaration } from "~/server/services/screening/screen";
import { throwAwayDatabase } from "./lib/database";
import { describeMix, generateNotices } from "./generate";

// `npm run bench:screening`: a declaration of BENCH_SCREENING_LINES lines (1,000) screened against
// BENCH_NOTICES generated notices (1,000,000; BENCH_NOTICES=20000 for a quick run), in process, as
// BENCH_USER (a chief of Tajik customs). Prints the whole screening beside its floor: the same
// statements run alone, one after the other, without the service around them. The target (issue
// 18) is 5 s for 1,000 lines.

function intSetting(name: string, fallback: number): number {
  const value = Number((process.env[name] ?? String(fallback)).replaceAll("_", ""));
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer`);
  return value;
}
const NOTICES = intSetting("BENCH_NOTICES", 1_000_000);
const LINES = intSetting("BENCH_SCREENING_LINES", 1000);
const ROUNDS = intSetting("BENCH_ROUNDS", 5);
const USER = process.env.BENCH_USER ?? "tj.chief@example.org";
const log = (line = "") => console.log(line);
const ms = (since: number) => performance.now() - since;

const CLEAN: [string, string][] = [
  ["6109.10", "Cotton T-shirts, men's, 40 cartons"],
  ["0902.30", "Чай чёрный байховый в пакетах"],
  ["8517.13", "Mobile phones, 300 pcs"],
  ["6403.99", "Обувь мужская кожаная"],
  ["8708.99", "汽车配件 刹车片"],
  ["7308.90", "Металлоконструкции для склада"],
  ["0409.00", "Мёд натуральный в банках"],
  ["3926.90", "Plastic tableware, 120 cartons"],
];
const SUSPECT: [string, string][] = [
  ["2915.24", "醋酸酐 工业级"],
  ["2915.21", "Кислота уксусная ледяная"],
  ["2209.00", "Vinegar essence 70%"],
  ["1515.21", "Кукурузное масло рафинированное"],
  ["3814.00", "油漆稀释剂 200升桶"],
  ["2807.00", "Sulphuric acid 98%"],
];

/**
 * A manifest as a post sees one: mostly ordinary goods, some suspect ones, thirty parties (a few of
 * them one letter off a generated alert's name), and vehicles of which some are generated plates.
 */
async function declaration(): Promise<DeclarationLine[]> {
  const plates = await db.execute<{ plate: string }>(
    sql`SELECT conveyance_ids[1] AS plate FROM seizure_details WHERE cardinality(conveyance_ids) > 0 LIMIT 50`,
  );
  const companies = await db.execute<{ name: string }>(sql`SELECT names -> 0 ->> 'name' AS name FROM company_alerts LIMIT 10`);
  const offByOne = companies.map(({ name }) => name.replace(/[aeiou](?=[^aeiou]*$)/u, "y"));
  const parties = [...offByOne, ...Array.from({ length: 30 - offByOne.length }, (_, i) => `Trade Partner ${i} LLC`)];
  return Array.from({ length: LINES }, (_, i) => {
    const [hsCode, description] = i % 10 === 0 ? SUSPECT[(i / 10) % SUSPECT.length]! : CLEAN[i % CLEAN.length]!;
    const plate = i % 7 === 0 ? plates[i % Math.max(plates.length, 1)]?.plate : undefined;
    return {
      hsCode,
      description,
      consignor: `Kashgar Supplier ${i % 12} Co., Ltd.`,
      consignee: parties[i % parties.length],
      vehicle: plate ?? `08 TJ ${1000 + (i % 900)} AA`,
      route: "Kashgar – Kulma – Dushanbe",
    };
  });
}

/** The statements the service runs, alone and in turn: the floor under the service's time. */
async function floor(viewer: Viewer, lines: DeclarationLine[]) {
  const today = new Date().toISOString().slice(0, 10);
  const parts: [string, () => Promise<unknown>][] = [
    [
      "substance names (recogniseEach)",
      () =>
        recogniseEach(
          lines.map((l) => l.description ?? ""),
          viewer.locale,
          ["substance"],
        ),
    ],
    [
      "declared-as texts",
      () =>
        declaredAsMatches(
          viewer,
          lines.flatMap((l, line) => descriptionPhrases(l.description).map((text) => ({ line, text }))),
        ),
    ],
    [
      "plates, wagons, registration numbers",
      () =>
        identifierMatches(
          viewer,
          lines.flatMap((l) => [...identifierKeys(l.vehicle), ...PARTY_FIELDS.flatMap((f) => identifierKeys(l[f]))]),
          today,
        ),
    ],
    [
      "company names (pg_trgm)",
      () =>
        companyNameMatches(
          viewer,
          lines.flatMap((l) => PARTY_FIELDS.flatMap((f) => partyName(l, f) ?? [])),
          today,
        ),
    ],
  ];
  const times: [string, number, number][] = [];
  for (const [name, run] of parts) {
    const t0 = performance.now();
    const rows = (await run()) as unknown[];
    times.push([name, ms(t0), rows.length]);
  }
  return times;
}

async function main() {
  log(`Tianshan screening benchmark — ${os.cpus().length} cores, Node ${process.version}, ${LINES} lines, ${NOTICES.toLocaleString("en")} notices, as ${USER}`);
  const database = await throwAwayDatabase(env.DATABASE_URL);
  try {
    await runMigrations(database.url);
    useDatabaseUrl(database.url);
    await seedReference(db);
    await seedDemo(db);
    const generated = await generateNotices(database.url, NOTICES, { log, ownServer: !env.DATABASE_URL });
    log(`Generated in ${generated.seconds.toFixed(1)} s.`);
    for (const line of await describeMix(database.url)) log(`  ${line}`);
    const viewer = await asUser(USER, async (v) => v);
    const lines = await declaration();
    const runs: number[] = [];
    let result: Awaited<ReturnType<typeof screenDeclaration>> | undefined;
    for (let round = 0; round < ROUNDS; round++) {
      const t0 = performance.now();
      result = await screenDeclaration({ viewer, input: { lines } });
      runs.push(ms(t0));
    }
    const flagged = result!.flagged.length;
    const byRule = new Map<string, number>();
    for (const line of result!.flagged) for (const rule of new Set(line.flags.map((f) => f.rule))) byRule.set(rule, (byRule.get(rule) ?? 0) + 1);
    runs.sort((a, b) => a - b);
    log(`\nScreening ${LINES} lines (${flagged} flagged), ${ROUNDS} rounds, the first one cold:`);
    log(
      `  service, median ${runs[Math.floor(runs.length / 2)]!.toFixed(0)} ms, best ${runs[0]!.toFixed(0)} ms, worst ${runs.at(-1)!.toFixed(0)} ms (target: 5,000 ms)`,
    );
    log(`  lines flagged per rule: ${[...byRule].map(([rule, n]) => `${rule} ${n}`).join(", ")}`);
    log("  raw-SQL floor, each statement alone:");
    let total = 0;
    for (const [name, time, rows] of await floor(viewer, lines)) {
      total += time;
      log(`    ${name.padEnd(40)} ${time.toFixed(0).padStart(6)} ms  ${String(rows).padStart(5)} rows`);
    }
    log(`    ${"sum (the service runs them concurrently)".padEnd(40)} ${total.toFixed(0).padStart(6)} ms`);
  } finally {
    await db.$client.end().catch(() => undefined);
    await database.stop();
  }
}

try {
  await main();
  process.exit(0);
} catch (error) {
  console.error(error);
  process.exit(1);
}
