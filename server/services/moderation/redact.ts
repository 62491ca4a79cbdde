import { and, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import { db, type Tx } from "~/db/index";
import { arrestPersons, companyAlerts, notices, noticeVersions } from "~/db/schema";
import type { RedactableField, ZRedact } from "~/schemas/moderation";
import { REDACTED } from "~/schemas/moderation-enums";
import type { Viewer } from "~/server/auth/sessions";
import { ServiceError } from "~/server/services/errors";
import { recordNoticeEvent } from "~/server/services/notices/events";
import { refreshMentions } from "~/server/services/entities/store";
import { recordDecision } from "./log";
import { lockForModeration, type ModeratedNotice } from "./scope";

export { REDACTED };

// Shorter strings would be scrubbed out of unrelated words.
const MIN_SCRUBBED_LENGTH = 2;

const nothingToRedact = () => new ServiceError("INVALID", "nothingToRedact", "index");

/** Replaces the field's current value and returns what it was (every script of a name). */
async function replaceField(tx: Tx, notice: ModeratedNotice, field: RedactableField, index: number): Promise<string[]> {
  if (field === "person") {
    if (notice.kind !== "arrest") throw nothingToRedact();
    const [person] = await tx
      .select({ id: arrestPersons.id, names: arrestPersons.names })
      .from(arrestPersons)
      .where(and(eq(arrestPersons.noticeId, notice.id), eq(arrestPersons.position, index)));
    if (!person) throw nothingToRedact();
    await tx
      .update(arrestPersons)
      .set({ names: { latin: REDACTED } })
      .where(eq(arrestPersons.id, person.id));
    return Object.values(person.names).filter((name): name is string => typeof name === "string" && name !== REDACTED);
  }
  if (field === "owner" || field === "address") {
    if (notice.kind !== "company_alert") throw nothingToRedact();
    const column = field === "owner" ? companyAlerts.owners : companyAlerts.addresses;
    const [alert] = await tx.select({ values: column }).from(companyAlerts).where(eq(companyAlerts.noticeId, notice.id));
    const original = alert?.values[index];
    if (original === undefined || original === REDACTED) throw nothingToRedact();
    const values = alert!.values.map((value, i) => (i === index ? REDACTED : value));
    await tx
      .update(companyAlerts)
      .set(field === "owner" ? { owners: values } : { addresses: values })
      .where(eq(companyAlerts.noticeId, notice.id));
    return [original];
  }
  const [row] = await tx.select({ narrative: notices.narrative, placeText: notices.placeText }).from(notices).where(eq(notices.id, notice.id));
  const original = row?.[field];
  if (!original || original === REDACTED) throw nothingToRedact();
  await tx
    .update(notices)
    .set(field === "narrative" ? { narrative: REDACTED } : { placeText: REDACTED })
    .where(eq(notices.id, notice.id));
  return [original];
}

function scrubStrings(value: unknown, originals: readonly string[]): unknown {
  if (typeof value === "string") return originals.reduce((text, original) => text.split(original).join(REDACTED), value);
  if (Array.isArray(value)) return value.map((item) => scrubStrings(item, originals));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, scrubStrings(item, originals)]));
  return value;
}

type Snapshot = Record<string, unknown> & {
  arrest?: { persons?: { names?: unknown }[] };
  companyAlert?: { owners?: string[]; addresses?: string[] };
};

/** The same field in an earlier version, whatever it said then (a name may have been corrected since). */
function redactInSnapshot(snapshot: Snapshot, field: RedactableField, index: number): void {
  if (field === "person") {
    const person = snapshot.arrest?.persons?.[index];
    if (person) person.names = { latin: REDACTED };
  } else if (field === "owner" || field === "address") {
    const list = snapshot.companyAlert?.[field === "owner" ? "owners" : "addresses"];
    if (list && index < list.length) list[index] = REDACTED;
  } else if (snapshot[field]) {
    snapshot[field] = REDACTED;
  }
}

/**
 * Removes a value from every surface that shows it: the field itself, any mention of it in the
 * title, narrative and place, the name-search column (and so the search index, which PostgreSQL
 * derives from these columns), and every earlier version. The original is kept only in the audit
 * log, whose trail shows it to the notice's own agency alone (never to the coordinators or
 * administrators of another); the moderation log read by the agency names the field.
 */
export async function redactField({ viewer, input }: { viewer: Viewer; input: z.output<typeof ZRedact> }) {
  return db.transaction(async (tx) => {
    const notice = await lockForModeration(tx, viewer, input.id);
    const originals = await replaceField(tx, notice, input.field, input.index);
    // A redacted name must not live on as an entity's spelling (issue 19).
    await refreshMentions(tx, notice.id);
    const scrubbed = originals.filter((original) => original.length >= MIN_SCRUBBED_LENGTH);
    for (const original of scrubbed) {
      await tx
        .update(notices)
        .set({
          title: sql`replace(${notices.title}, ${original}, ${REDACTED})`,
          narrative: sql`replace(${notices.narrative}, ${original}, ${REDACTED})`,
          placeText: sql`replace(${notices.placeText}, ${original}, ${REDACTED})`,
          searchNames: sql`replace(${notices.searchNames}, ${original}, '')`,
        })
        .where(eq(notices.id, notice.id));
    }
    // An author's form still holding the original must not write it back: their next save
    // starts from a version that no longer exists and is refused as a conflict.
    await tx
      .update(notices)
      .set({ version: sql`${notices.version} + 1` })
      .where(eq(notices.id, notice.id));

    const versions = await tx
      .select({ id: noticeVersions.id, snapshot: noticeVersions.snapshot })
      .from(noticeVersions)
      .where(eq(noticeVersions.noticeId, notice.id));
    for (const version of versions) {
      const snapshot = scrubStrings(version.snapshot, scrubbed) as Snapshot;
      redactInSnapshot(snapshot, input.field, input.index);
      await tx.update(noticeVersions).set({ snapshot }).where(eq(noticeVersions.id, version.id));
    }

    const where = { field: input.field, index: input.index };
    await recordDecision(tx, viewer, { notice, action: "redact", reason: input.reason, details: where, auditDetails: { original: originals } });
    await recordNoticeEvent(tx, { noticeId: notice.id, kind: "moderated", actorUserId: viewer.userId });
    return { id: notice.id, ...where };
  });
}
