import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { db } from "~/db/index";
import { noticeEvents, subscriptions } from "~/db/schema";
import { createUser } from "~/db/seed/factories";
import type { Locale } from "~/i18n/locales";
import { loadMessages } from "~/i18n/messages";
import { fanOut } from "~/server/jobs/fan-out";
import { describeMatch, type Translate } from "~/server/services/notifications/matched";
import { callerFor } from "~/tests/callers";
import { createThrough, seizureInput } from "~/tests/notices";

const member = async (agencyId: string, locale: Locale = "en") => callerFor(await createUser(db, { agencyId, role: "analyst", locale }));
const author = await member("kg-mvd-sbnon");

async function translators(locale: Locale) {
  const messages = (await loadMessages(locale)) as never;
  return {
    t: createTranslator({ locale, messages, namespace: "notifications.matched" as never }) as unknown as Translate,
    vocab: createTranslator({ locale, messages, namespace: "vocab" as never }) as unknown as Translate,
  };
}

/** The reader's notifications, each as its notice and what brought it, in words. */
async function why(reader: Awaited<ReturnType<typeof member>>) {
  const { t, vocab } = await translators(reader.viewer.locale);
  const { items } = await reader.caller.notifications.list({});
  return items.map((item) => ({ notice: item.notice.id, kind: item.kind, why: describeMatch(item.matched, item.matchedNames, t, vocab) }));
}

async function fanOutAll(noticeId: string, kind: "published" | "edited") {
  const events = await db
    .select({ id: noticeEvents.id })
    .from(noticeEvents)
    .where(and(eq(noticeEvents.noticeId, noticeId), eq(noticeEvents.kind, kind)));
  for (const { id } of events) await fanOut(id);
}

describe("what brought a notification", () => {
  it("names the subscription that matched, in the reader's language, as it was when the notification was written", async () => {
    const en = await member("kz-sgd-customs");
    const ru = await member("kz-sgd-customs", "ru");
    for (const reader of [en, ru]) {
      await reader.caller.subscriptions.create({ filter: { crossingIds: ["khorgos"], substanceIds: ["acetic-anhydride"] }, delivery: "in_app" });
    }
    const { id } = await createThrough(author.caller, seizureInput({ title: `Matched ${randomUUID()}`, crossingId: "khorgos" }));
    await fanOutAll(id, "published");

    expect(await why(en)).toEqual([{ notice: id, kind: "published", why: "Khorgos (Qorgas) · Acetic anhydride (your subscription)" }]);
    expect((await why(ru))[0]?.why).toBe("Хоргос (Коргас) · Уксусный ангидрид (ваша подписка)");

    // Removing the subscription later does not unsay what brought the notification.
    await db.delete(subscriptions).where(eq(subscriptions.userId, en.viewer.userId));
    expect((await why(en))[0]?.why).toBe("Khorgos (Qorgas) · Acetic anhydride (your subscription)");
  });

  it("says the reader watches the notice, for a change to a watched notice", async () => {
    const watcher = await member("kz-sgd-customs");
    const { id } = await createThrough(author.caller, seizureInput({ title: `Watched ${randomUUID()}`, crossingId: "kulma" }));
    await watcher.caller.subscriptions.watch({ noticeId: id, delivery: "in_app" });
    await db.insert(noticeEvents).values({ noticeId: id, kind: "edited", actorUserId: author.viewer.userId });
    await fanOutAll(id, "edited");
    expect(await why(watcher)).toEqual([{ notice: id, kind: "edited", why: "You watch this notice" }]);
  });
});
