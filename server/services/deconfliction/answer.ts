import { eq, sql } from "drizzle-orm";
import { db, type Tx } from "~/db/index";
import { deconflictionRequests, noticeReleaseAgencies, notices, noticeVersions } from "~/db/schema";
import type { DeconflictionAnswer } from "~/schemas/deconfliction";
import type { Viewer } from "~/server/auth/sessions";
import { audit } from "~/server/services/audit";
import { notFound, ServiceError } from "~/server/services/errors";
import { loadSnapshot } from "~/server/services/notices/snapshot";
import { visibleTo } from "~/server/services/visibility";
import { tell } from "./tell";

type Open = {
  id: string;
  notice_id: string;
  agency_id: string;
  tlp: string;
  status: string;
  requester_agency_id: string;
  requester_id: string;
  from_notice_id: string;
  version: number;
};

/** The request, locked, if it is about a notice of the viewer's own agency that they may read; else NOT_FOUND. */
async function lockRequest(tx: Tx, viewer: Viewer, id: string): Promise<Open> {
  const [row] = await tx.execute<Open>(sql`
    SELECT r.id, r.notice_id, ${notices.agencyId} AS agency_id, ${notices.tlp} AS tlp, r.status, r.requester_agency_id, r.requester_id, r.from_notice_id, ${notices.version} AS version
    FROM ${deconflictionRequests} r JOIN ${notices} ON ${notices.id} = r.notice_id
    WHERE r.id = ${id} AND ${notices.agencyId} = ${viewer.agencyId} AND ${visibleTo(viewer)}
    FOR UPDATE OF r, ${notices}`);
  if (!row) throw notFound();
  return row;
}

/**
 * Releases the notice to the requesting agency through its own release list, as an edit of its
 * release would (a version kept, the version number moved on so an edit begun before is refused,
 * not overwritten): from then on the visibility rule lets that agency read it, and nothing else does.
 */
async function releaseTo(tx: Tx, viewer: Viewer, request: Open) {
  if (request.tlp !== "amber" && request.tlp !== "amber_strict") throw new ServiceError("CONFLICT", "deconflictionNotReleasable");
  const before = await loadSnapshot(tx, request.notice_id);
  await tx.insert(noticeReleaseAgencies).values({ noticeId: request.notice_id, agencyId: request.requester_agency_id }).onConflictDoNothing();
  await tx
    .update(notices)
    .set({ version: sql`${notices.version} + 1`, updatedAt: sql`now()` })
    .where(eq(notices.id, request.notice_id));
  await tx
    .insert(noticeVersions)
    .values({ noticeId: request.notice_id, version: request.version, snapshot: before, changedFields: ["release"], editedById: viewer.userId });
}

const STEP = { release: "released", decline: "declined", reply: "replied" } as const;

/**
 * The holding agency's answer to a request about one of its notices: release it to the requesting
 * agency, decline, or reply with a message (the request stays open). The requester is told in-app
 * and by mail; of a decline or a reply they are told on their own notice, which says nothing of the
 * held one. Both sides' audit entries are written here (see list.ts for who reads which).
 */
export async function answerDeconfliction({ viewer, input }: { viewer: Viewer; input: { id: string; answer: DeconflictionAnswer; message: string } }) {
  return db.transaction(async (tx) => {
    const request = await lockRequest(tx, viewer, input.id);
    if (request.status !== "open") throw new ServiceError("CONFLICT", "deconflictionClosed");
    if (input.answer === "release") await releaseTo(tx, viewer, request);
    await tx
      .update(deconflictionRequests)
      .set({
        ...(input.answer === "reply" ? {} : { status: input.answer === "release" ? "released" : "declined" }),
        ...(input.message ? { reply: input.message } : {}),
        answeredById: viewer.userId,
        answeredAt: sql`now()`,
        updatedAt: sql`now()`,
      })
      .where(eq(deconflictionRequests.id, request.id));
    await audit(tx, {
      action: `deconfliction.${input.answer}`,
      actor: viewer,
      target: { type: "notice", id: request.notice_id },
      details: { requestId: request.id, requesterAgencyId: request.requester_agency_id, holderAgencyId: request.agency_id },
    });
    // Released, the notice itself is theirs to read; otherwise only their own notice may carry the news.
    await tell(tx, {
      noticeId: input.answer === "release" ? request.notice_id : request.from_notice_id,
      userIds: [request.requester_id],
      step: STEP[input.answer],
      actorUserId: viewer.userId,
    });
    return { id: request.id, answer: input.answer };
  });
}
