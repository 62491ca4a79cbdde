import { eq } from "drizzle-orm";
import type { z } from "zod";
import { db, type Tx } from "~/db/index";
import { agencies, users } from "~/db/schema";
import type { ZPreModerationAgency, ZPreModerationUser } from "~/schemas/moderation";
import type { Viewer } from "~/server/auth/sessions";
import { audit } from "~/server/services/audit";
import { notFound } from "~/server/services/errors";

/**
 * Whether a notice by this author waits for a coordinator before anyone else sees it: the author
 * or their agency is under pre-moderation. RED notices never wait, a coordinator not being among
 * their readers.
 */
export async function waitsForReview(tx: Tx, authorId: string, tlp: string): Promise<boolean> {
  if (tlp === "red") return false;
  const [row] = await tx
    .select({ user: users.preModerated, agency: agencies.preModerated })
    .from(users)
    .innerJoin(agencies, eq(agencies.id, users.agencyId))
    .where(eq(users.id, authorId));
  return Boolean(row && (row.user || row.agency));
}

export async function setAgencyPreModeration({ viewer, input }: { viewer: Viewer; input: z.output<typeof ZPreModerationAgency> }) {
  return db.transaction(async (tx) => {
    const [row] = await tx.update(agencies).set({ preModerated: input.preModerated }).where(eq(agencies.id, input.agencyId)).returning({ id: agencies.id });
    if (!row) throw notFound();
    await audit(tx, { action: "agency.pre_moderation", actor: viewer, target: { type: "agency", id: row.id }, details: { preModerated: input.preModerated } });
    return { agencyId: row.id, preModerated: input.preModerated };
  });
}

export async function setUserPreModeration({ viewer, input }: { viewer: Viewer; input: z.output<typeof ZPreModerationUser> }) {
  return db.transaction(async (tx) => {
    const [row] = await tx.update(users).set({ preModerated: input.preModerated }).where(eq(users.id, input.userId)).returning({ id: users.id });
    if (!row) throw notFound();
    await audit(tx, { action: "user.pre_moderation", actor: viewer, target: { type: "user", id: row.id }, details: { preModerated: input.preModerated } });
    return { userId: row.id, preModerated: input.preModerated };
  });
}
