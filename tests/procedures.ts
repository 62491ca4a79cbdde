import type { z } from "zod";
import { appRouter } from "~/server/api/root";
import type { Meta } from "~/server/api/trpc";

type ProcedureDef = { type: "query" | "mutation" | "subscription"; meta?: Meta; inputs: z.ZodType[] };

/**
 * Every procedure of the app router, by dotted path, with the permission it declares and its
 * input schema (null when it takes none). The router-walking tests share it, so a new procedure
 * is walked by all of them at once.
 */
// _def.procedures is flat at run time (dotted paths), whatever its declared type.
export const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, { _def: ProcedureDef }>).map(([path, { _def }]) => ({
  path,
  type: _def.type,
  permission: _def.meta?.permission,
  input: _def.inputs[0] ?? null,
}));

/** The caller's function for a dotted path. */
export function procedureOf(caller: object, path: string): (input?: unknown) => Promise<unknown> {
  return path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller) as (input?: unknown) => Promise<unknown>;
}
