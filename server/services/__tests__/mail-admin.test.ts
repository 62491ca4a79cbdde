import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "~/db/index";
import { auditLog, mailbox, noticeEvents } from "~/db/schema";
import { createUser } from "~/db/seed/factories";
import { useSmtp } from "~/server/email/transport";
import { fanOut } from "~/server/jobs/fan-out";
import { sendInstantMail } from "~/server/jobs/mail";
import { JOBS } from "~/server/queue/catalogue";
import { callerFor } from "~/tests/callers";
import { createThrough, seizureInput } from "~/tests/notices";

// No SMTP server: mail is kept in the database mailbox that admins read.
useSmtp(null);

const member = async (agencyId: string, role: "analyst" | "chief" | "admin" = "chief") =>
  callerFor(await createUser(db, { agencyId, role, email: `m-${randomUUID()}@test.example.org` }));

const author = await member("kz-sgd-customs", "analyst");
// A UNODC administrator: reads CLEAR and GREEN notices, not Kazakh customs' AMBER+STRICT ones.
const admin = await member("unodc-roca", "admin");

/** A reader watching a new notice, with the instant alert of its next event waiting to be mailed. */
async function alertWaiting(title: string, marking: Partial<Parameters<typeof seizureInput>[0]>) {
  const reader = await member("kz-sgd-customs");
  const notice = await createThrough(author.caller, seizureInput({ title, narrative: `${title}: the narrative`, ...marking }));
  await reader.caller.subscriptions.watch({ noticeId: notice.id, delivery: "instant" });
  await author.caller.notices.retract({ id: notice.id, reason: `${title}: retracted` });
  const [event] = await db
    .select({ id: noticeEvents.id })
    .from(noticeEvents)
    .where(and(eq(noticeEvents.noticeId, notice.id), eq(noticeEvents.kind, "retracted")));
  await fanOut(event!.id);
  return { reader, email: (await db.query.users.findFirst({ where: (u, { eq }) => eq(u.id, reader.viewer.userId) }))!.email };
}

const RESTRICTED = { tlp: "amber_strict" as const, releaseAgencyIds: ["kg-customs"] };

describe("the admins' mailbox", () => {
  it("shows an admin only the envelope of mail about a notice they may not read", async () => {
    const hidden = await alertWaiting("Customs-only seizure at Khorgos", RESTRICTED);
    const open = await alertWaiting("Open seizure at Khorgos", {});
    for (const { reader } of [hidden, open]) expect(await sendInstantMail({ userId: reader.viewer.userId, category: "alerts" })).toBe("sent");
    const stored = async (userId: string) => (await db.select({ id: mailbox.id }).from(mailbox).where(eq(mailbox.userId, userId)))[0]!.id;
    const [hiddenId, openId] = [await stored(hidden.reader.viewer.userId), await stored(open.reader.viewer.userId)];

    const { messages } = await admin.caller.mail.mailbox({});
    const listed = (id: number) => messages.find((m) => m.id === id);
    expect(listed(hiddenId)).toEqual({ id: hiddenId, to: hidden.email, subject: null, createdAt: expect.any(Date) });
    expect(listed(openId)).toMatchObject({ to: open.email, subject: expect.any(String) });

    const envelope = await admin.caller.mail.message({ id: hiddenId });
    expect(envelope).toEqual({ withheld: true, id: hiddenId, to: hidden.email, createdAt: expect.any(Date) });
    const full = await admin.caller.mail.message({ id: openId });
    expect(full).toMatchObject({ withheld: false, to: open.email });
    expect(full.withheld === false && full.text).toContain("Open seizure at Khorgos");
  });

  it("shows only the envelope of a failed mail job about a notice the admin may not read", async () => {
    const hidden = await alertWaiting("Customs-only seizure at Dostyk", RESTRICTED);
    const open = await alertWaiting("Open seizure at Dostyk", {});
    // As the worker records a failure: the error may quote what the message carried.
    const failed = async (userId: string, title: string) =>
      (
        await db.execute<{ id: string }>(sql`
          INSERT INTO pgboss.job (name, data, state, output, completed_on)
          VALUES (${JOBS.instantMail}, ${JSON.stringify({ userId, category: "alerts" })}::jsonb, 'failed', ${JSON.stringify({ message: `Failed query: insert into "mailbox" params: ${title}` })}::jsonb, now())
          RETURNING id`)
      )[0]!.id;
    const hiddenJob = await failed(hidden.reader.viewer.userId, "Customs-only seizure at Dostyk");
    const openJob = await failed(open.reader.viewer.userId, "Open seizure at Dostyk");

    const dead = await admin.caller.mail.deadLetters();
    expect(dead.find((d) => d.id === hiddenJob)).toEqual({
      id: hiddenJob,
      queue: JOBS.instantMail,
      recipient: hidden.email,
      permanent: false,
      attempts: 1,
      failedAt: expect.any(Date),
      retryable: true,
      withheld: true,
      data: null,
      error: null,
    });
    expect(JSON.stringify(dead)).not.toContain("Customs-only");
    expect(dead.find((d) => d.id === openJob)).toMatchObject({
      recipient: open.email,
      withheld: false,
      error: expect.stringContaining("Open seizure at Dostyk"),
    });

    // Sent again, it leaves an audit entry every reader of the trail sees: what failed, not the error.
    await admin.caller.mail.retryDeadLetter({ id: hiddenJob });
    const [entry] = await db
      .select({ details: auditLog.details })
      .from(auditLog)
      .where(and(eq(auditLog.action, "mail.retry_job"), eq(auditLog.targetId, hiddenJob)));
    expect(entry!.details).toEqual({ queue: JOBS.instantMail, data: { userId: hidden.reader.viewer.userId, category: "alerts" } });
  });
});
