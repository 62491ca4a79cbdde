import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import { db } from "~/db/index";
import { noticeReports, notices } from "~/db/schema";
import type { ZReportNotice } from "~/schemas/moderation";
import type { Viewer } from "~/server/auth/sessions";
import { audit } from "~/server/services/audit";
import { notFound } from "~/server/services/errors";
import { visibleTo } from "~/server/services/visibility";

/**
 * A reader asks coordinators to look at a notice. Only a notice the reader may read can be
 * reported (anything else is not found), and a reader's second report of the same notice, while
 * the first is open, changes nothing.
 */
export async function reportNotice({ viewer, input }: { viewer: Viewer; input: z.output<typeof ZReportNotice> }) {
  return db.transaction(async (tx) => {
    const [notice] = await tx
      .select({ id: notices.id })
      .from(notices)
      .where(and(eq(notices.id, input.id), visibleTo(viewer)));
    if (!notice) throw notFound();
    const [report] = await tx
      .insert(noticeReports)
      .values({ noticeId: notice.id, reporterId: viewer.userId, reason: input.reason, note: input.note })
      .onConflictDoNothing()
      .returning({ id: noticeReports.id });
    if (report) {
      await audit(tx, { action: "notice.report", actor: viewer, target: { type: "notice", id: notice.id }, details: { reason: input.reason } });
    }
    return { reported: true };
  });
}
