import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { storable } from "~/schemas/fields";
import { procedures } from "~/tests/procedures";

// The rule behind the hostile-input property test, checked on the schemas themselves, so that a
// field no sample input fills is held to it too: every string of every procedure's input is built
// on the storable string of schemas/fields.ts (or has a format such as uuid, email or date that
// cannot hold a NUL), every date is within the platform's years, every number is bounded.

type Def = { type: string; format?: string; checks?: { _zod: { def: { check: string; fn?: unknown } } }[] } & Record<string, unknown>;
type Leaf = { path: string; schema: z.ZodType; def: Def };

const defOf = (schema: unknown) => (schema as { _zod: { def: Def } })._zod.def;

/** The leaves of a schema (strings, numbers, ...) with their paths; wrappers are looked through. */
function leavesOf(schema: z.ZodType, path: string): Leaf[] {
  const def = defOf(schema);
  const inner = (child: unknown, at = path) => leavesOf(child as z.ZodType, at);
  switch (def.type) {
    case "object":
      return Object.entries(def.shape as Record<string, z.ZodType>).flatMap(([key, child]) => inner(child, path ? `${path}.${key}` : key));
    case "array":
      return inner(def.element, `${path}[]`);
    case "union":
      return (def.options as z.ZodType[]).flatMap((option) => inner(option));
    case "pipe":
      return [...inner(def.in), ...inner(def.out)];
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "readonly":
    case "nonoptional":
      return inner(def.innerType);
    case "transform":
      return [];
    default:
      return [{ path, schema, def }];
  }
}

// Passwords are never stored or queried as text, only hashed, and are checked exactly as typed.
const PLAIN_STRINGS = /\b(password|currentPassword|newPassword|confirmPassword)$/;

const leaves = procedures.flatMap(({ path, input }) =>
  input ? leavesOf(input, "").map((leaf) => ({ ...leaf, path: `${path}: ${leaf.path || "(input)"}` })) : [],
);

describe("every procedure's input", () => {
  it("builds its strings on the storable string", () => {
    const strings = leaves.filter((leaf) => leaf.def.type === "string" && !leaf.def.format && !PLAIN_STRINGS.test(leaf.path));
    expect(strings.length).toBeGreaterThan(50);
    const plain = strings.filter((leaf) => !leaf.def.checks?.some((check) => check._zod.def.fn === storable)).map((leaf) => leaf.path);
    expect(plain).toEqual([]);
  });

  it("takes dates within the platform's years only", () => {
    const dates = leaves.filter((leaf) => leaf.def.format === "date");
    expect(dates.length).toBeGreaterThan(5);
    for (const { path, schema } of dates) {
      for (const date of ["0000-01-01", "1899-12-31", "2101-01-01"]) expect([path, date, schema.safeParse(date).success]).toEqual([path, date, false]);
      expect([path, schema.safeParse("2026-03-14").success]).toEqual([path, true]);
    }
  });

  it("bounds its numbers on both sides, within what PostgreSQL's columns and JavaScript hold exactly", () => {
    const numbers = leaves.filter((leaf) => leaf.def.type === "number");
    expect(numbers.length).toBeGreaterThan(10);
    const unbounded = numbers
      .filter(({ schema }) => {
        const { minValue, maxValue } = schema as unknown as { minValue: number | null; maxValue: number | null };
        return !(
          Number.isFinite(minValue) &&
          Number.isFinite(maxValue) &&
          Math.abs(minValue!) <= Number.MAX_SAFE_INTEGER &&
          Math.abs(maxValue!) <= Number.MAX_SAFE_INTEGER
        );
      })
      .map((leaf) => leaf.path);
    expect(unbounded).toEqual([]);
  });
});
