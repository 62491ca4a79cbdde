import { and, desc, eq, inArray, ne, sql, type SQL } from "drizzle-orm";
import type { z } from "zod";
import { db } from "~/db/index";
import { agencies, notices } from "~/db/schema";
import { NOTICE_ID_IN_TEXT, type ZNoticePick } from "~/schemas/notices";
import type { Viewer } from "~/server/auth/sessions";
import { visibleTo } from "~/server/services/visibility";
import { CJK_RUNS, cjkQuery, lexeme, matching, MAX_SPELLED_WORDS, WORDS } from "./search";

export type PickInput = z.infer<typeof ZNoticePick>;

export const PICK_LIMIT = 10;

/**
 * What a typed query means to a picker: every word the start of a word of the title or of the
 * names the notice carries (weight A: not its narrative, where a prefix of two letters matches
 * nearly everything), each CJK run as in a search. Null when nothing in it is a word.
 */
function startsOfWords(q: string): SQL | null {
  const words = [...new Set(q.replace(CJK_RUNS, " ").toLowerCase().match(WORDS) ?? [])].slice(0, MAX_SPELLED_WORDS);
  const parts = [
    ...(words.length ? [sql`to_tsquery('simple', ${words.map((word) => `${lexeme(word)}:*A`).join(" & ")})`] : []),
    ...[...q.matchAll(CJK_RUNS)].map(([run]) => cjkQuery(run)),
  ];
  return parts.length ? matching(sql.join(parts, sql` && `)) : null;
}

/**
 * A picker's options as the user types (linking a notice, naming a merge's duplicate): the notices
 * the viewer may read that the query's words start words of, or the one a pasted address or id
 * names; newest first, a few at most. A notice merged away is no option: it lives on in its survivor.
 */
export async function pickNotices({ viewer, input }: { viewer: Viewer; input: PickInput }) {
  const pastedId = input.q.match(NOTICE_ID_IN_TEXT)?.[0]?.toLowerCase();
  const match = pastedId ? eq(notices.id, pastedId) : startsOfWords(input.q);
  if (!match) return [];
  const posted = sql`coalesce(${notices.publishedAt}, ${notices.createdAt})`;
  return db
    .select({
      id: notices.id,
      title: notices.title,
      kind: notices.kind,
      status: notices.status,
      tlp: notices.tlp,
      occurredOn: notices.occurredOn,
      agencyShortName: agencies.shortName,
    })
    .from(notices)
    .innerJoin(agencies, eq(agencies.id, notices.agencyId))
    .where(
      and(
        match,
        visibleTo(viewer),
        ne(notices.status, "merged"),
        input.kind ? eq(notices.kind, input.kind) : undefined,
        input.statuses ? inArray(notices.status, input.statuses) : undefined,
      ),
    )
    .orderBy(desc(posted), desc(notices.id))
    .limit(PICK_LIMIT);
}
