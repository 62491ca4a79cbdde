import { and, asc, eq, gt, or } from "drizzle-orm";
import { db } from "~/db/index";
import { notices } from "~/db/schema";
import type { TaxiiObjectsInput } from "~/schemas/taxii";
import type { Viewer } from "~/server/auth/sessions";
import { audit } from "~/server/services/audit";
import { decodeCursor, encodeCursor } from "~/server/services/notices/cursor";
import { loadSnapshots, type NoticeSnapshot } from "~/server/services/notices/snapshot";
import { visibleTo } from "~/server/services/visibility";
import { englishCountryNames, type ExportSet } from "./select";
import { tlpMarkingDefinition } from "./stix-ids";
import { agencyObject, noticeObjects, platformObjects, type StixObject } from "./stix-objects";

/** One notice's part of a TAXII page: its STIX objects, all added when the notice was released. */
export type TaxiiEntry = { dateAdded: string; objects: StixObject[] };
export type TaxiiPage = { entries: TaxiiEntry[]; more: boolean; next: string | null };

/**
 * One page of the released notices a viewer may read, oldest release first, for a TAXII client
 * that pulls what is new since its last visit. The keyset is (published_at, id), so a page starts
 * right after the last notice of the one before, whatever was released since; `added_after` is
 * the release time. Only published notices: a retracted one leaves the collection, as it leaves
 * the feed. A notice's objects are never split across pages; a page holds as many whole notices
 * as fit in `limit` objects, and at least one. Read in one repeatable-read transaction in which
 * the export is audited (the ids and the count, never content), as every export is.
 */
export async function taxiiPage(viewer: Viewer, input: TaxiiObjectsInput): Promise<TaxiiPage> {
  const cursor = input.next ? decodeCursor(input.next) : null;
  return db.transaction(
    async (tx) => {
      const rows = await tx
        .select({ id: notices.id, publishedAt: notices.publishedAt })
        .from(notices)
        .where(
          and(
            eq(notices.status, "published"),
            visibleTo(viewer),
            input.addedAfter ? gt(notices.publishedAt, new Date(input.addedAfter)) : undefined,
            cursor ? or(gt(notices.publishedAt, cursor.at), and(eq(notices.publishedAt, cursor.at), gt(notices.id, cursor.id))) : undefined,
          ),
        )
        .orderBy(asc(notices.publishedAt), asc(notices.id))
        // At most `limit` notices a page; the one row more only says whether more follow.
        .limit(input.limit + 1);
      const set = { countryName: await englishCountryNames(tx) };
      const seen = new Set<string>();
      const entries: TaxiiEntry[] = [];
      let total = 0;
      let last: (typeof rows)[number] | null = null;
      const page = rows.slice(0, input.limit);
      const snapshots = await loadSnapshots(
        tx,
        page.map((row) => row.id),
      );
      for (const [index, row] of page.entries()) {
        // What an earlier notice of the page brought (a marking, an agency) is not repeated.
        const objects = withTypes(entryObjects(snapshots[index]!, set), input.types).filter((o) => !seen.has(o.id));
        if (entries.length > 0 && total + objects.length > input.limit) break;
        for (const object of objects) seen.add(object.id);
        entries.push({ dateAdded: row.publishedAt!.toISOString(), objects });
        total += objects.length;
        last = row;
      }
      const more = entries.length < rows.length;
      const ids = rows.slice(0, entries.length).map((row) => row.id);
      await audit(tx, { action: "notice.export", actor: viewer, details: { format: "taxii", scope: "collection", count: ids.length, noticeIds: ids } });
      return { entries, more, next: more && last ? encodeCursor({ at: last.publishedAt!, id: last.id }) : null };
    },
    { isolationLevel: "repeatable read" },
  );
}

/**
 * A notice's objects with what they refer to, so that each page stands alone: the platform's
 * identity and extension definition, the notice's TLP 2.0 marking definition and its agency.
 */
function entryObjects(n: NoticeSnapshot, set: Pick<ExportSet, "countryName">): StixObject[] {
  return [...platformObjects(), tlpMarkingDefinition(n.tlp), agencyObject(n), ...noticeObjects(n, set)];
}

const withTypes = (objects: StixObject[], types: string[] | undefined) => (types ? objects.filter((o) => types.includes(o.type)) : objects);
