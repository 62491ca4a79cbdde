import { eq, sql } from "drizzle-orm";
import type { Tx } from "~/db/index";
import { entities, entityBackfill, entityMentions } from "~/db/schema";
import { loadSnapshot, type NoticeSnapshot } from "~/server/services/notices/snapshot";
import { extractMentions, type ExtractSource, type Mention } from "./extract";

/**
 * Writes a notice's mentions in the transaction that writes the notice (or redacts it): what the
 * notice names now replaces what it named before, so an edit or a redaction leaves no stale
 * spelling behind. Entities are found or made by their key; an entity left without mentions
 * stays, shown to no one (every read goes through the mentions of readable notices).
 */
export async function writeMentions(tx: Tx, noticeId: string, mentions: Mention[]): Promise<void> {
  await tx.delete(entityMentions).where(eq(entityMentions.noticeId, noticeId));
  if (!mentions.length) return;
  const wanted = [...new Map(mentions.map((m) => [`${m.kind}\u0000${m.key}`, { kind: m.kind, key: m.key }])).values()];
  // DO UPDATE (to itself) rather than DO NOTHING, so that RETURNING gives existing rows' ids too.
  const rows = await tx
    .insert(entities)
    .values(wanted)
    .onConflictDoUpdate({ target: [entities.kind, entities.key], set: { kind: sql`excluded.kind` } })
    .returning({ id: entities.id, kind: entities.kind, key: entities.key });
  const idOf = new Map(rows.map((r) => [`${r.kind}\u0000${r.key}`, r.id]));
  await tx
    .insert(entityMentions)
    .values(
      mentions.map((m) => ({
        noticeId,
        entityId: idOf.get(`${m.kind}\u0000${m.key}`)!,
        role: m.role,
        part: m.part,
        value: m.value,
        birthYear: m.birthYear,
        checkDigitValid: m.checkDigitValid,
      })),
    )
    // Two spellings of one thing with one key (a Latin name and its pinyin): the first is kept.
    .onConflictDoNothing();
}

/** The source of extraction for a notice as stored. */
export function sourceOfSnapshot(s: NoticeSnapshot): ExtractSource {
  if (s.seizure) return { kind: "seizure", countryCode: s.countryCode, ...s.seizure };
  if (s.companyAlert) return { kind: "company_alert", countryCode: s.countryCode, ...s.companyAlert };
  return { kind: "arrest", countryCode: s.countryCode, ...s.arrest! };
}

/** Extracts again from what is stored: after a redaction, and for notices written before extraction. */
export async function refreshMentions(tx: Tx, noticeId: string): Promise<void> {
  await writeMentions(tx, noticeId, extractMentions(sourceOfSnapshot(await loadSnapshot(tx, noticeId))));
  await tx.delete(entityBackfill).where(eq(entityBackfill.noticeId, noticeId));
}
