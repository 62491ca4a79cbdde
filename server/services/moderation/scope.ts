import { and, eq } from "drizzle-orm";
import type { Tx } from "~/db/index";
import { notices } from "~/db/schema";
import type { Viewer } from "~/server/auth/sessions";
import { notFound } from "~/server/services/errors";
import { visibleTo } from "~/server/services/visibility";

export type ModeratedNotice = Pick<typeof notices.$inferSelect, "id" | "status" | "tlp" | "kind" | "agencyId" | "authorId" | "title" | "crossingId">;

/** The notice, locked for the decision, if the coordinator may act on it; otherwise NOT_FOUND. */
export async function lockForModeration(tx: Tx, viewer: Viewer, id: string): Promise<ModeratedNotice> {
  const [row] = await tx
    .select({
      id: notices.id,
      status: notices.status,
      tlp: notices.tlp,
      kind: notices.kind,
      agencyId: notices.agencyId,
      authorId: notices.authorId,
      title: notices.title,
      crossingId: notices.crossingId,
    })
    .from(notices)
    .where(and(eq(notices.id, id), visibleTo(viewer)))
    .for("update");
  if (!row) throw notFound();
  return row;
}
