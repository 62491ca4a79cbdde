import { eq } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { z } from "zod";
import { db, type Tx } from "~/db/index";
import { criminalProvisions, crossings, substances } from "~/db/schema";
import { CURATED_TEXTS, type ZCrossingCurate, type ZProvisionCurate, type ZSubstanceCurate } from "~/schemas/reference";
import type { Viewer } from "~/server/auth/sessions";
import { audit } from "~/server/services/audit";
import { notFound } from "~/server/services/errors";

type Args<S extends z.ZodType> = { viewer: Viewer; input: z.output<S> };

/** The fields that differ, as { from, to }, for the audit entry. */
function changesBetween(current: Record<string, unknown> | undefined, next: Record<string, unknown>) {
  return Object.fromEntries(
    Object.entries(next)
      .filter(([key, value]) => value !== undefined && JSON.stringify(value) !== JSON.stringify(current?.[key] ?? null))
      .map(([key, value]) => [key, { from: current?.[key] ?? null, to: value }]),
  );
}

/** A cleared English text takes its translations with it, unless they are given (the schema requires them with any English text). */
function withTranslationsCleared(kind: keyof typeof CURATED_TEXTS, input: { id: string } & Record<string, unknown>) {
  const cleared = CURATED_TEXTS[kind].filter(([en]) => input[en] === null).flatMap(([, ru, zh]) => [ru, zh].filter((field) => input[field] === undefined));
  return { ...input, ...Object.fromEntries(cleared.map((field) => [field, null])) };
}

/**
 * Creates or changes one reference record, auditing exactly what changed in the same transaction.
 * Reference rows are never deleted here: notices refer to them.
 */
async function curate<T extends PgTable>(
  viewer: Viewer,
  kind: keyof typeof CURATED_TEXTS,
  table: T,
  idColumn: Parameters<typeof eq>[0],
  input: { id: string } & Record<string, unknown>,
  options: { create: boolean },
) {
  return db.transaction(async (tx: Tx) => {
    const { id, ...next } = withTranslationsCleared(kind, input);
    const [current] = (await tx
      .select()
      .from(table as PgTable)
      .where(eq(idColumn, id))
      .for("update")) as Record<string, unknown>[];
    if (!current && !options.create) throw notFound();
    const changes = changesBetween(current, next);
    if (!Object.keys(changes).length) return { id, changed: [] as string[] };
    if (current)
      await tx
        .update(table as PgTable)
        .set(next)
        .where(eq(idColumn, id));
    else await tx.insert(table as PgTable).values({ id, ...next });
    await audit(tx, { action: current ? `reference.${kind}.update` : `reference.${kind}.create`, actor: viewer, target: { type: kind, id }, details: changes });
    return { id, changed: Object.keys(changes) };
  });
}

/** Status and schedule of a crossing (e.g. Kulma: open May–November, 15 days open / 15 closed). */
export const curateCrossing = ({ viewer, input }: Args<typeof ZCrossingCurate>) =>
  curate(viewer, "crossing", crossings, crossings.id, input, { create: false });

export const curateSubstance = ({ viewer, input }: Args<typeof ZSubstanceCurate>) =>
  curate(viewer, "substance", substances, substances.id, input, { create: true });

export const curateProvision = ({ viewer, input }: Args<typeof ZProvisionCurate>) =>
  curate(viewer, "provision", criminalProvisions, criminalProvisions.id, input, { create: true });
