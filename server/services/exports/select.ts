import { and, asc, eq, inArray, or } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { db, type DbOrTx } from "~/db/index";
import { companyAlerts, countries, noticeLinks, notices } from "~/db/schema";
import { EXPORT_LIMIT, type ExportSelection } from "~/schemas/exports";
import type { Viewer } from "~/server/auth/sessions";
import { audit } from "~/server/services/audit";
import { notFound } from "~/server/services/errors";
import { feedQuery } from "~/server/services/notices/feed";
import { searchPageQuery } from "~/server/services/notices/search";
import { loadSnapshots, type NoticeSnapshot } from "~/server/services/notices/snapshot";
import { visibleTo } from "~/server/services/visibility";

export type ExportLink = { a: string; b: string };

/** What every format is written from: whole notices the viewer may read, their links, English country names. */
export type ExportSet = {
  notices: NoticeSnapshot[];
  links: ExportLink[];
  countryName: (code: string | null | undefined) => string;
  truncated: boolean;
};

/** The ids a selection names, newest first, through the pages' own readers (each filtered by the visibility rule). */
async function selectedIds(viewer: Viewer, selection: ExportSelection): Promise<string[]> {
  switch (selection.scope) {
    case "notice":
      return [selection.id];
    case "feed": {
      const rows = await feedQuery(viewer, { filters: selection.filters, limit: EXPORT_LIMIT });
      return rows.map((row) => row.id);
    }
    case "search": {
      // The search page's own statement: the names the query recognises become its filters.
      const { query } = await searchPageQuery(viewer, {
        q: selection.q,
        filters: selection.filters,
        sort: "date",
        asWords: selection.asWords,
        limit: EXPORT_LIMIT,
      });
      const rows: { id: string }[] = await query;
      return rows.map((row) => row.id);
    }
  }
}

/**
 * The notices of a selection as whole snapshots, read in one repeatable-read transaction in which
 * every id passes the visibility rule again (the selection's readers ran before it began). A
 * single notice that is not readable answers NOT_FOUND, like the notice page; a feed or search
 * that finds nothing readable is an empty set. `record` writes the export's audit entry in the
 * same transaction: the ids and the count, never content.
 */
export async function loadExportSet(viewer: Viewer, selection: ExportSelection, record: { format: string } | null): Promise<ExportSet> {
  const selected = await selectedIds(viewer, selection);
  const truncated = selected.length > EXPORT_LIMIT;
  const wanted = selected.slice(0, EXPORT_LIMIT);
  return db.transaction(
    async (tx) => {
      const readable = wanted.length ? await readableIds(tx, viewer, wanted) : new Set<string>();
      const ids = wanted.filter((id) => readable.has(id));
      if (selection.scope === "notice" && !ids.length) throw notFound();
      const snapshots = await loadSnapshots(tx, ids);
      const links = ids.length > 1 ? await linksWithin(tx, ids) : [];
      const countryName = await englishCountryNames(tx);
      if (record) {
        await audit(tx, {
          action: "notice.export",
          actor: viewer,
          details: { format: record.format, scope: selection.scope, count: ids.length, truncated, noticeIds: ids },
        });
      }
      return { notices: snapshots, links, countryName, truncated };
    },
    { isolationLevel: "repeatable read" },
  );
}

async function readableIds(tx: DbOrTx, viewer: Viewer, ids: string[]): Promise<Set<string>> {
  const rows = await tx
    .select({ id: notices.id })
    .from(notices)
    .where(and(inArray(notices.id, ids), visibleTo(viewer)));
  return new Set(rows.map((row) => row.id));
}

/** Links with both ends in the set: each end was read through the rule, so no link names a hidden notice. */
async function linksWithin(tx: DbOrTx, ids: string[]): Promise<ExportLink[]> {
  const rows = await tx
    .select({ a: noticeLinks.noticeA, b: noticeLinks.noticeB })
    .from(noticeLinks)
    .where(and(inArray(noticeLinks.noticeA, ids), inArray(noticeLinks.noticeB, ids)))
    .orderBy(asc(noticeLinks.noticeA), asc(noticeLinks.noticeB));
  return rows;
}

/** Exports are written in English (the common language of INCB and partner systems), with codes beside names. */
export async function englishCountryNames(tx: DbOrTx): Promise<ExportSet["countryName"]> {
  const rows = await tx.select({ code: countries.code, name: countries.nameEn }).from(countries);
  const names = new Map(rows.map((row) => [row.code, row.name]));
  return (code) => (code ? (names.get(code) ?? code) : "");
}

const linked = alias(notices, "linked");

/** The names of the company alerts linked to a notice that the viewer may read (each end through the rule). */
async function linkedCompanyNames(viewer: Viewer, id: string): Promise<string[]> {
  const rows = await db
    .select({ names: companyAlerts.names })
    .from(noticeLinks)
    .innerJoin(
      linked,
      or(and(eq(noticeLinks.noticeA, id), eq(linked.id, noticeLinks.noticeB)), and(eq(noticeLinks.noticeB, id), eq(linked.id, noticeLinks.noticeA))),
    )
    .innerJoin(companyAlerts, eq(companyAlerts.noticeId, linked.id))
    .where(and(eq(linked.kind, "company_alert"), visibleTo(viewer, linked)))
    .orderBy(asc(linked.occurredOn));
  return rows.map((row) => row.names.find((entry) => entry.script === "latin")?.name ?? row.names[0]?.name ?? "").filter(Boolean);
}

/**
 * One notice, with the companies of the alerts linked to it, for a summary on its page (PICS):
 * shown like the page itself, so not audited as an export. NOT_FOUND when not readable.
 */
export async function loadNoticeForSummary(viewer: Viewer, id: string) {
  const set = await loadExportSet(viewer, { scope: "notice", id }, null);
  return { notice: set.notices[0]!, countryName: set.countryName, companies: await linkedCompanyNames(viewer, id) };
}
