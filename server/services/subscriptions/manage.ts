import { and, eq, inArray, isNull, ne, sql } from "drizzle-orm";
import { db, type Tx } from "~/db/index";
import { agencies, countries, crossings, mailSettings, notices, subscriptions, substances, users } from "~/db/schema";
import type { Delivery, SubscriptionFilter } from "~/schemas/subscriptions";
import type { Viewer } from "~/server/auth/sessions";
import { verifyUnsubscribe } from "~/server/email/unsubscribe-token";
import { audit } from "~/server/services/audit";
import { noticeFormOptions } from "~/server/services/notices/options";
import { notFound, ServiceError } from "~/server/services/errors";
import { visibleTo } from "~/server/services/visibility";

const invalid = (field: string, key: string) => new ServiceError("INVALID", key, `filter.${field}`);

/** A feed may only name things that exist, so it can match something. */
async function checkFilter(tx: Tx, filter: SubscriptionFilter) {
  const checks: [string, string[], () => Promise<string[]>][] = [
    [
      "crossingIds",
      filter.crossingIds,
      async () => (await tx.select({ id: crossings.id }).from(crossings).where(inArray(crossings.id, filter.crossingIds))).map((r) => r.id),
    ],
    [
      "substanceIds",
      filter.substanceIds,
      async () => (await tx.select({ id: substances.id }).from(substances).where(inArray(substances.id, filter.substanceIds))).map((r) => r.id),
    ],
    [
      "countryCodes",
      filter.countryCodes,
      async () => (await tx.select({ id: countries.code }).from(countries).where(inArray(countries.code, filter.countryCodes))).map((r) => r.id),
    ],
    [
      "agencyIds",
      filter.agencyIds,
      async () => (await tx.select({ id: agencies.id }).from(agencies).where(inArray(agencies.id, filter.agencyIds))).map((r) => r.id),
    ],
  ];
  for (const [field, wanted, found] of checks) {
    if (!wanted.length) continue;
    const known = new Set(await found());
    if (wanted.some((id) => !known.has(id))) throw invalid(field, "unknownReference");
  }
}

/** What a feed can name: the same reference lists the notice form offers. */
export async function subscriptionOptions({ viewer }: { viewer: Viewer }) {
  const { crossings, substances, agencies, countries } = await noticeFormOptions({ viewer });
  return { crossings, substances, agencies, countries };
}

const uniq = <T>(values: T[]) => [...new Set(values)];

/** The viewer's feeds and watches; a watched notice they may no longer read shows no title. */
export async function listSubscriptions({ viewer }: { viewer: Viewer }) {
  return db
    .select({
      id: subscriptions.id,
      noticeId: subscriptions.noticeId,
      noticeTitle: notices.title,
      crossingIds: subscriptions.crossingIds,
      substanceIds: subscriptions.substanceIds,
      countryCodes: subscriptions.countryCodes,
      countryRole: subscriptions.countryRole,
      kinds: subscriptions.kinds,
      agencyIds: subscriptions.agencyIds,
      delivery: subscriptions.delivery,
      createdAt: subscriptions.createdAt,
    })
    .from(subscriptions)
    .leftJoin(notices, and(eq(notices.id, subscriptions.noticeId), visibleTo(viewer)))
    .where(eq(subscriptions.userId, viewer.userId))
    .orderBy(subscriptions.createdAt, subscriptions.id);
}

export async function createSubscription({ viewer, input }: { viewer: Viewer; input: { filter: SubscriptionFilter; delivery: Delivery } }) {
  return db.transaction(async (tx) => {
    const { filter } = input;
    await checkFilter(tx, filter);
    const [row] = await tx
      .insert(subscriptions)
      .values({
        userId: viewer.userId,
        crossingIds: uniq(filter.crossingIds),
        substanceIds: uniq(filter.substanceIds),
        countryCodes: uniq(filter.countryCodes),
        countryRole: filter.countryRole,
        kinds: uniq(filter.kinds),
        agencyIds: uniq(filter.agencyIds),
        delivery: input.delivery,
      })
      .returning({ id: subscriptions.id });
    await audit(tx, { action: "subscription.create", actor: viewer, target: { type: "subscription", id: row!.id }, details: { delivery: input.delivery } });
    return { id: row!.id };
  });
}

export async function updateSubscription({ viewer, input }: { viewer: Viewer; input: { id: string; delivery: Delivery } }) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(subscriptions)
      .set({ delivery: input.delivery })
      .where(and(eq(subscriptions.id, input.id), eq(subscriptions.userId, viewer.userId)))
      .returning({ id: subscriptions.id });
    if (!row) throw notFound();
    await audit(tx, { action: "subscription.update", actor: viewer, target: { type: "subscription", id: input.id }, details: { delivery: input.delivery } });
    return { id: input.id, delivery: input.delivery };
  });
}

export async function deleteSubscription({ viewer, input }: { viewer: Viewer; input: { id: string } }) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .delete(subscriptions)
      .where(and(eq(subscriptions.id, input.id), eq(subscriptions.userId, viewer.userId)))
      .returning({ id: subscriptions.id });
    if (!row) throw notFound();
    await audit(tx, { action: "subscription.delete", actor: viewer, target: { type: "subscription", id: input.id } });
    return { id: input.id };
  });
}

export type FollowTarget = { target: "crossing" | "substance" | "agency"; id: string };

const TARGET_COLUMN = { crossing: subscriptions.crossingIds, substance: subscriptions.substanceIds, agency: subscriptions.agencyIds } as const;

/** The viewer's subscription to exactly this crossing, substance or agency, if any (the page's "follow" button). */
export async function subscriptionFor({ viewer, input }: { viewer: Viewer; input: FollowTarget }) {
  const others = (Object.keys(TARGET_COLUMN) as FollowTarget["target"][]).filter((t) => t !== input.target);
  const [row] = await db
    .select({ id: subscriptions.id, delivery: subscriptions.delivery })
    .from(subscriptions)
    .where(
      and(
        eq(subscriptions.userId, viewer.userId),
        isNull(subscriptions.noticeId),
        sql`${TARGET_COLUMN[input.target]} = ARRAY[${input.id}]::text[]`,
        ...others.map((t) => sql`cardinality(${TARGET_COLUMN[t]}) = 0`),
        sql`cardinality(${subscriptions.countryCodes}) = 0 AND cardinality(${subscriptions.kinds}) = 0`,
      ),
    )
    .limit(1);
  return row ?? null;
}

/** Follows one notice's updates. Only a notice the viewer may read can be watched. */
export async function watchNotice({ viewer, input }: { viewer: Viewer; input: { noticeId: string; delivery: Delivery } }) {
  return db.transaction(async (tx) => {
    const [notice] = await tx
      .select({ id: notices.id })
      .from(notices)
      .where(and(eq(notices.id, input.noticeId), visibleTo(viewer)));
    if (!notice) throw notFound();
    const [row] = await tx
      .insert(subscriptions)
      .values({ userId: viewer.userId, noticeId: input.noticeId, delivery: input.delivery })
      .onConflictDoUpdate({
        target: [subscriptions.userId, subscriptions.noticeId],
        targetWhere: sql`notice_id IS NOT NULL`,
        set: { delivery: input.delivery },
      })
      .returning({ id: subscriptions.id });
    await audit(tx, { action: "notice.watch", actor: viewer, target: { type: "notice", id: input.noticeId }, details: { delivery: input.delivery } });
    return { id: row!.id, delivery: input.delivery };
  });
}

export async function unwatchNotice({ viewer, input }: { viewer: Viewer; input: { noticeId: string } }) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .delete(subscriptions)
      .where(and(eq(subscriptions.userId, viewer.userId), eq(subscriptions.noticeId, input.noticeId)))
      .returning({ id: subscriptions.id });
    if (!row) throw notFound();
    await audit(tx, { action: "notice.unwatch", actor: viewer, target: { type: "notice", id: input.noticeId } });
    return { watching: false };
  });
}

export async function watchState({ viewer, input }: { viewer: Viewer; input: { noticeId: string } }) {
  const [row] = await db
    .select({ delivery: subscriptions.delivery })
    .from(subscriptions)
    .where(and(eq(subscriptions.userId, viewer.userId), eq(subscriptions.noticeId, input.noticeId)));
  return { delivery: row?.delivery ?? null };
}

export async function getMailSettings({ viewer }: { viewer: Viewer }) {
  const [row] = await db.select({ moderationEmails: mailSettings.moderationEmails }).from(mailSettings).where(eq(mailSettings.userId, viewer.userId));
  return { moderationEmails: row?.moderationEmails ?? true };
}

export async function updateMailSettings({ viewer, input }: { viewer: Viewer; input: { moderationEmails: boolean } }) {
  return db.transaction(async (tx) => {
    await tx
      .insert(mailSettings)
      .values({ userId: viewer.userId, moderationEmails: input.moderationEmails })
      .onConflictDoUpdate({ target: mailSettings.userId, set: { moderationEmails: input.moderationEmails } });
    await audit(tx, { action: "mail.settings", actor: viewer, target: { type: "user", id: viewer.userId }, details: input });
    return input;
  });
}

/**
 * RFC 8058 one-click unsubscribe, with no session: the signed token is the credential. It turns
 * email off (in-app stays) for the subscriptions that email was sent for, and only those, and
 * only while they still belong to the user it was sent to.
 */
export async function unsubscribeByToken(token: string): Promise<{ unsubscribed: number }> {
  const claim = verifyUnsubscribe(token);
  if (!claim) throw notFound();
  return db.transaction(async (tx) => {
    const [user] = await tx.select({ agencyId: users.agencyId }).from(users).where(eq(users.id, claim.userId));
    if (!user) throw notFound();
    const changed = await tx
      .update(subscriptions)
      .set({ delivery: "in_app" })
      .where(and(eq(subscriptions.userId, claim.userId), inArray(subscriptions.id, claim.subscriptionIds), ne(subscriptions.delivery, "in_app")))
      .returning({ id: subscriptions.id });
    if (changed.length) {
      await audit(tx, {
        action: "subscription.unsubscribe",
        actor: { userId: claim.userId, agencyId: user.agencyId },
        target: { type: "user", id: claim.userId },
        details: { subscriptionIds: changed.map((c) => c.id), via: "email" },
      });
    }
    return { unsubscribed: changed.length };
  });
}
