import { sql, type Placeholder, type SQL } from "drizzle-orm";
import { alias, type AnyPgColumn } from "drizzle-orm/pg-core";
import { agencies, notices, users } from "~/db/schema";
import { PERMISSIONS, type Permission } from "~/server/auth/permissions";
import type { Viewer } from "~/server/auth/sessions";
import { HELD, RELEASED, STEPS } from "~/schemas/notice-lifecycle";
import { statusIn } from "~/server/services/notices/status-in";

/**
 * THE rule of who may read which notice, as one SQL predicate. Every read of notices — feed,
 * search, detail, counts, links, suggestions, history, digests, notifications, exports, API —
 * filters through it; nothing else decides. Deny by default: a notice is visible only through
 * one of the branches below.
 *
 * TLP 2.0 as the agencies agreed it:
 *  - CLEAR, GREEN: every active member (the session already proves the user and agency active).
 *  - AMBER: the originating agency, the agencies listed, and every agency of the countries listed.
 *  - AMBER+STRICT: the originating agency and the agencies listed.
 *  - RED: the author and the named recipients only — not even the author's own agency.
 *  - UNODC coordinators (notice.read_region): every released notice except RED, unless one of
 *    its recipients reported it for moderation.
 * Only published and retracted notices are released; retracted ones stay readable for the record
 * (the feed leaves them out). Drafts are the author's alone. A notice waiting for release is seen
 * by its author and by the originating agency's chiefs, who release it. What moderation holds
 * back (waiting for review, sent back, rejected, merged away) is seen by its author and by the
 * coordinators who review it — never a RED one, unless released to them as above.
 *
 * The spelling vocabulary and word statistics of search are kept in the database from what every
 * member may read; `notice_readable_by_all` (migration 0013) states the CLEAR/GREEN branch below
 * for them, and search-vocabulary.test.ts holds it equal to this rule.
 *
 * `id` and the other columns default to the `notices` table; pass an alias's columns to use the
 * rule on a joined or aliased notices relation.
 */
export function visibleTo(viewer: Viewer, n: NoticeColumns = notices, bind: Bind = inPlace): SQL {
  return rule(viewerTerms(viewer, bind), n);
}

/**
 * The same rule, for a statement that reads every notice of a large set to count or sum it (the
 * regional picture's map and trends): the branches without the per-row fence (see `rule`), so
 * that PostgreSQL may read the viewer's release-list and recipient rows once, into a hash, instead
 * of probing an index for every notice. The predicate, and so who sees what, is `visibleTo`'s.
 */
export function visibleToInBulk(viewer: Viewer, n: NoticeColumns = notices): SQL {
  return rule({ ...viewerTerms(viewer, inPlace), fenced: false }, n);
}

function viewerTerms(viewer: Viewer, bind: Bind): ViewerTerms {
  return {
    userId: sql`${bind("viewerUserId", viewer.userId)}`,
    agencyId: sql`${bind("viewerAgencyId", viewer.agencyId)}`,
    // A literal `false` (not a bound NULL) lets the planner drop the branch altogether.
    agencyCountryCode: viewer.agencyCountryCode ? sql`${bind("viewerCountryCode", viewer.agencyCountryCode)}` : null,
    // Known per request: a branch the viewer has no permission for is not even sent.
    may: (permission) => (viewer.permissions.has(permission) ? sql`true` : null),
  };
}

/**
 * How a query carries its values: bound in place, or as named placeholders of a statement that is
 * built once per shape and executed with the values (see the feed). The viewer's own values are
 * named `viewerUserId`, `viewerAgencyId` and `viewerCountryCode`.
 */
export type Bind = <T>(name: string, value: T) => T | Placeholder;
export const inPlace: Bind = (_name, value) => value;
export const placeholders: Bind = (name) => sql.placeholder(name);

/**
 * The same rule for every user of a query at once — fan-out and digests decide for thousands of
 * recipients in one statement. Put it in a query that has `users` (and `agencies`, joined on the
 * user's agency) in scope; it adds what a session proves for a single viewer: the user and their
 * agency are active.
 */
export function visibleToUsers(n: NoticeColumns = notices): SQL {
  const inner = rule(
    {
      userId: sql`${users.id}`,
      agencyId: sql`${users.agencyId}`,
      agencyCountryCode: sql`${agencies.countryCode}`,
      may: (permission) =>
        sql`${users.role} IN (${sql.join(
          PERMISSIONS[permission].map((r) => sql`${r}`),
          sql`, `,
        )})`,
    },
    n,
  );
  return sql`(${users.status} = 'active' AND ${agencies.active} AND ${inner})`;
}

/**
 * Whether the viewer may know of a notice that something else names (the other end of a link, the
 * duplicate a merge folded away, the target of an audit entry): they may read it, or it was merged
 * away and they could read it before. A merged notice is otherwise closed to all but its author
 * and the coordinators; it is judged here as it was: released if it ever was (a notice keeps
 * `published_at` while released), else waiting for review.
 */
export function knownTo(viewer: Viewer, n: KnownColumns = notices): SQL {
  return visibleTo(viewer, asBeforeMerge(n));
}

/** `knownTo` for every user of a query at once (see `visibleToUsers`). */
export function knownToUsers(n: KnownColumns = notices): SQL {
  return visibleToUsers(asBeforeMerge(n));
}

const mentioned = alias(notices, "mentioned");

/**
 * An event about a notice (`n`) that may name another (`mentionedId`: a link, a merge): whoever
 * hears of it — notification, realtime event, mail line, digest item — must be allowed to read
 * the notice and to know of the other one, at send time and again at read time.
 */
export function eventVisibleTo(viewer: Viewer, mentionedId: AnyPgColumn | SQL, n: NoticeColumns = notices): SQL {
  return sql`(${visibleTo(viewer, n)} AND (${mentionedId} IS NULL OR EXISTS (SELECT 1 FROM ${notices} AS ${mentioned} WHERE ${mentioned.id} = ${mentionedId} AND ${knownTo(viewer, mentioned)} OFFSET 0)))`;
}

/** `eventVisibleTo` for every user of a query at once (see `visibleToUsers`). */
export function eventVisibleToUsers(mentionedId: AnyPgColumn | SQL, n: NoticeColumns = notices): SQL {
  return sql`(${visibleToUsers(n)} AND (${mentionedId} IS NULL OR EXISTS (SELECT 1 FROM ${notices} AS ${mentioned} WHERE ${mentioned.id} = ${mentionedId} AND ${knownToUsers(mentioned)} OFFSET 0)))`;
}

/**
 * The viewer may know of every notice in `ids` (a uuid[] expression). An id that names no notice
 * is not known: a record naming one gives nothing away only when it is shown to no one.
 */
export function allKnownTo(viewer: Viewer, ids: SQL): SQL {
  return sql`NOT EXISTS (SELECT 1 FROM unnest(${ids}) AS named(id) WHERE NOT EXISTS (SELECT 1 FROM ${notices} AS ${mentioned} WHERE ${mentioned.id} = named.id AND ${knownTo(viewer, mentioned)} OFFSET 0))`;
}

/**
 * The original of a field a coordinator redacted (kept only in the audit log's redaction entry) is
 * the originating agency's alone: a viewer of that agency who may read the notice.
 */
export function redactedOriginalVisibleTo(viewer: Viewer, n: NoticeColumns = notices): SQL {
  return sql`(${n.agencyId} = ${viewer.agencyId} AND ${visibleTo(viewer, n)})`;
}

function asBeforeMerge(n: KnownColumns): NoticeColumns {
  return {
    ...n,
    status: sql`(CASE WHEN ${n.status} <> 'merged' THEN ${n.status} WHEN ${n.publishedAt} IS NOT NULL THEN 'published'::notice_status ELSE 'pending_review'::notice_status END)`,
  };
}

type ViewerTerms = {
  userId: SQL;
  agencyId: SQL;
  agencyCountryCode: SQL | null;
  /** A condition that holds when the viewer has the permission, or null when it never does. */
  may: (permission: Permission) => SQL | null;
  /** Whether each EXISTS is fenced into a per-row probe (see `rule`); unfenced for bulk reads only. */
  fenced?: boolean;
};

function rule(v: ViewerTerms, n: NoticeColumns): SQL {
  const released = statusIn(n.status, RELEASED);
  // OFFSET 0 keeps each EXISTS a per-row primary-key probe. Without it PostgreSQL may plan a
  // "hashed SubPlan" that reads every release row of the viewer's agency before the first notice
  // is returned: a feed page then costs time proportional to the whole table (measured at 1M
  // notices: 49 ms against 0.8 ms). A statement that reads every notice of a large set (an
  // aggregate) is the opposite case: there the hash, built once, beats a probe per notice
  // (`visibleToInBulk`).
  const fence = sql.raw(v.fenced === false ? "" : "OFFSET 0");
  const listedAgency = sql`EXISTS (SELECT 1 FROM notice_release_agencies ra WHERE ra.notice_id = ${n.id} AND ra.agency_id = ${v.agencyId} ${fence})`;
  const listedCountry = v.agencyCountryCode
    ? sql`EXISTS (SELECT 1 FROM notice_release_countries rc WHERE rc.notice_id = ${n.id} AND rc.country_code = ${v.agencyCountryCode} ${fence})`
    : sql`false`;
  const recipient = sql`EXISTS (SELECT 1 FROM notice_recipients rr WHERE rr.notice_id = ${n.id} AND rr.user_id = ${v.userId} ${fence})`;
  const readsRegion = v.may("notice.read_region");
  const releases = v.may("notice.release");
  // A recipient who reports a RED notice asks the coordinators to look at it: from then on they may.
  const reportedByRecipient = sql`EXISTS (SELECT 1 FROM notice_reports rp JOIN notice_recipients rpr ON rpr.notice_id = rp.notice_id AND rpr.user_id = rp.reporter_id WHERE rp.notice_id = ${n.id} ${fence})`;
  const region = readsRegion ? sql`OR (${readsRegion} AND (${n.tlp} <> 'red' OR ${reportedByRecipient}))` : sql``;
  const releasing = releases
    ? sql`OR (${releases} AND ${statusIn(n.status, STEPS.release.from)} AND ${n.agencyId} = ${v.agencyId} AND ${n.tlp} <> 'red')`
    : sql``;
  const reviews = v.may("moderation.review");
  const reviewing = reviews ? sql`OR (${reviews} AND ${statusIn(n.status, HELD)} AND ${n.tlp} <> 'red')` : sql``;
  return sql`(
    ${n.authorId} = ${v.userId}
    OR (${released} AND (
      ${n.tlp} IN ('clear', 'green')
      OR (${n.tlp} IN ('amber', 'amber_strict') AND (
        ${n.agencyId} = ${v.agencyId} OR ${listedAgency} OR (${n.tlp} = 'amber' AND ${listedCountry})
      ))
      OR (${n.tlp} = 'red' AND ${recipient})
      ${region}
    ))
    ${releasing}
    ${reviewing}
  )`;
}

export type NoticeColumns = {
  id: AnyPgColumn;
  // A column, or what it was (see `knownTo`).
  status: AnyPgColumn | SQL;
  tlp: AnyPgColumn;
  agencyId: AnyPgColumn;
  authorId: AnyPgColumn;
};

type KnownColumns = NoticeColumns & { status: AnyPgColumn; publishedAt: AnyPgColumn };
