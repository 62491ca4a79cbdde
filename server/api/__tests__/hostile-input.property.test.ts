import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { can, type Permission } from "~/server/auth/permissions";
import { procedureOf, procedures } from "~/tests/procedures";
import { buildWorld, ROLE_ORDER, samplesOf, type Caller, type Json, type World } from "./hostile-input-samples";

// Whatever a client sends, a procedure answers with success or a 4xx the form can show (invalid,
// not found, conflict ...), never a 500 that says "retry" to a request that can never succeed.
// Each procedure gets a valid sample input, then every string and number in it is replaced, one at
// a time, by what PostgreSQL would refuse: NUL, lone surrogates, huge lengths, numbers beyond the
// column, dates outside PostgreSQL's calendar or the platform's.

/** How a string leaf is spoilt: appended to what was there, or in its place. */
type BadText = { mode: "append" | "replace"; text: string };
type Hostile = { text: BadText; number: number; date: string };

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const spoil = (original: string, bad: BadText) => (bad.mode === "append" ? original + bad.text : bad.text);

// Every generated string carries something the database refuses, or is far too long: a hostile
// value that happened to be valid would only change the world the next calls run in.
const badChar = fc.constantFrom("\u0000", "\uD800", "\uDBFF", "\uDC00", "\uDFFF");
const badText: fc.Arbitrary<BadText> = fc.oneof(
  fc.record({
    mode: fc.constantFrom("append" as const, "replace" as const),
    text: fc.tuple(fc.string({ maxLength: 8 }), badChar, fc.string({ maxLength: 8 })).map((parts) => parts.join("")),
  }),
  fc.record({ mode: fc.constant("replace" as const), text: fc.integer({ min: 10_001, max: 200_000 }).map((n) => "x".repeat(n)) }),
);
const badNumber = fc.oneof(
  fc.constantFrom(1e9, 2 ** 31, 2 ** 40, 2 ** 53, 2 ** 63, -1, -(2 ** 31) - 1, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1e308, 1e-9),
  fc.double(),
);
const badDate = fc.oneof(
  fc.constantFrom("0000-01-01", "99999-01-01", "1899-12-31", "2101-01-01", "2026-02-30", "0001-01-01", "9999-12-31"),
  fc.integer({ min: -9999, max: 99999 }).map((year) => `${year < 0 ? "-" : ""}${String(Math.abs(year)).padStart(4, "0")}-06-15`),
);

// The cases of the issue, run every time before the generated ones.
const EXAMPLES: Hostile[] = [
  { text: { mode: "append", text: "\u0000" }, number: 1e9, date: "0000-01-01" },
  { text: { mode: "append", text: "\uD800" }, number: 2 ** 40, date: "99999-01-01" },
  { text: { mode: "replace", text: "x".repeat(100_000) }, number: Number.NaN, date: "1899-12-31" },
  { text: { mode: "replace", text: "a\uDFFFb" }, number: Number.POSITIVE_INFINITY, date: "2101-01-01" },
  { text: { mode: "replace", text: "\u0000" }, number: -1, date: "9999-12-31" },
  { text: { mode: "append", text: "\u0000x" }, number: 2 ** 31, date: "0001-01-01" },
];

// Kept small: every run calls the procedure once per leaf of its samples (up to ~60 for notices.create).
const GENERATED_RUNS = 4;

type Leaf = { path: (string | number)[]; value: string | number };

function leavesOf(value: Json, path: (string | number)[] = []): Leaf[] {
  if (typeof value === "string" || typeof value === "number") return [{ path, value }];
  if (Array.isArray(value)) return value.flatMap((item, i) => leavesOf(item, [...path, i]));
  if (value && typeof value === "object") return Object.entries(value).flatMap(([key, item]) => leavesOf(item, [...path, key]));
  return [];
}

function withLeaf(root: Json, path: (string | number)[], replacement: Json): Json {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path;
  const copy = (Array.isArray(root) ? [...root] : { ...(root as object) }) as Record<string | number, Json>;
  copy[head!] = withLeaf(copy[head!]!, rest, replacement);
  return copy as Json;
}

/** The spoilt inputs of one sample: each leaf replaced in turn. */
function variants(sample: Json, hostile: Hostile): { where: string; input: Json }[] {
  return leavesOf(sample).flatMap(({ path, value }) => {
    const where = path.join(".") || "(input)";
    if (typeof value === "number") return [{ where, input: withLeaf(sample, path, hostile.number) }];
    const spoilt = [{ where, input: withLeaf(sample, path, spoil(value, hostile.text)) }];
    if (ISO_DATE.test(value)) spoilt.push({ where, input: withLeaf(sample, path, hostile.date) });
    return spoilt;
  });
}

/** The HTTP status a client would get, or 200. */
async function statusOf(caller: Caller, path: string, input: Json): Promise<{ status: number; detail: string }> {
  try {
    const result = await procedureOf(caller, path)(input);
    // A subscription hands back its stream once its input is accepted; nothing to read from it here.
    if (result && typeof result === "object" && Symbol.asyncIterator in result) await (result as AsyncGenerator).return(undefined);
    return { status: 200, detail: "ok" };
  } catch (error) {
    if (!(error instanceof TRPCError)) return { status: 500, detail: `not a TRPCError: ${String(error)}` };
    const cause = error.cause instanceof Error ? error.cause.message.split("\n")[0]!.slice(0, 160) : "";
    return { status: getHTTPStatusCodeFromError(error), detail: `${error.code} ${cause}` };
  }
}

const withInput = procedures.filter((p) => p.input !== null);

describe("hostile input answers 4xx, never 5xx", () => {
  let world: World;
  let samples: Record<string, Json[]>;
  beforeAll(async () => {
    world = await buildWorld();
    samples = samplesOf(world);
  });

  it("has a valid sample input for every procedure that takes one", () => {
    expect(withInput.map((p) => p.path).filter((path) => !samples[path])).toEqual([]);
    for (const { path, input } of withInput) {
      for (const sample of samples[path]!) {
        const parsed = input!.safeParse(sample);
        expect([path, parsed.success ? "valid" : parsed.error.issues]).toEqual([path, "valid"]);
      }
    }
  });

  it.each(withInput.map((p) => [p.path, p.permission] as const))(
    "%s",
    async (path, permission) => {
      const role = permission ? ROLE_ORDER.find((r) => can(r, permission as Permission)) : "analyst";
      expect(role).toBeDefined();
      const caller = world.callers[role!];
      await fc.assert(
        fc.asyncProperty(fc.record({ text: badText, number: badNumber, date: badDate }), async (hostile) => {
          const failures: string[] = [];
          for (const sample of samples[path] ?? []) {
            for (const { where, input } of variants(sample, hostile)) {
              const { status, detail } = await statusOf(caller, path, input);
              if (status >= 500) failures.push(`${where}: ${status} ${detail}`);
            }
          }
          if (failures.length > 0) throw new Error(`${path} answered 5xx:\n${failures.join("\n")}`);
        }),
        // Examples count as runs: each procedure gets all of them, then generated values.
        { numRuns: EXAMPLES.length + GENERATED_RUNS, examples: EXAMPLES.map((hostile) => [hostile]), endOnFailure: true },
      );
    },
    60_000,
  );
});
