import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db/index";
import { deconflictionRequests, notices } from "~/db/schema";
import { createAgency, createUser } from "~/db/seed/factories";
import { DAILY_REQUESTS_PER_AGENCY } from "~/server/services/deconfliction/request";
import { callerFor, refusal } from "~/tests/callers";
import { companyInput, createThrough, seizureInput } from "~/tests/notices";
import { waitFor } from "~/tests/smtp-sink";
import { settle, sink, useMailHarness } from "~/server/jobs/__tests__/mail-harness";

// Issue 19, deconfliction: with the author's mark, a request reaches the holding agency in-app and
// by mail (a real SMTP server), which releases (through the release list: the visibility rule then
// lets the requester read it) or declines, and both sides' audits show it; without the mark,
// nothing at all.

useMailHarness();

type Session = Awaited<ReturnType<typeof callerFor>> & { email: string };
let holder: Session; // analyst of the holding agency, author of the held notices
let chief: Session; // chief of the holding agency
let asker: Session; // analyst of the requesting agency
let reader: Session; // analyst of an agency the held notice is released to
let own: string; // the requester's readable seizure naming the company and the phone
const secret = { title: "Held: Tianshan Chemical Trading front", company: "Tianshan Chemical Trading" };

async function session(agencyId: string, role: "analyst" | "chief", locale: "en" | "ru" = "en"): Promise<Session> {
  const user = await createUser(db, { agencyId, role, locale, email: `d-${randomUUID()}@test.example.org` });
  return { ...(await callerFor(user)), email: user.email };
}

const heldAlert = (over: Parameters<typeof companyInput>[0] = {}) =>
  companyInput({
    title: secret.title,
    tlp: "amber_strict",
    releaseAgencyIds: [reader.viewer.agencyId],
    names: [{ script: "latin", name: secret.company }],
    ...over,
  });

const bell = async (s: Session) => (await s.caller.notifications.list({ limit: 50 })).items;

beforeAll(async () => {
  const holding = await createAgency(db, { countryCode: "KZ" });
  const asking = await createAgency(db, { countryCode: "TJ" });
  const third = await createAgency(db, { countryCode: "KG" });
  holder = await session(holding.id, "analyst");
  chief = await session(holding.id, "chief", "ru");
  asker = await session(asking.id, "analyst");
  reader = await session(third.id, "analyst");
  own = (
    await createThrough(
      asker.caller,
      seizureInput({
        title: "Our barrels",
        tlp: "amber",
        releaseAgencyIds: [],
        releaseCountryCodes: ["TJ"],
        consignee: secret.company,
        phones: ["+7 701 555 0000"],
      }),
    )
  ).id;
});

/** The holders heard of the request in-app and by mail (in their languages); the requester's side names nothing of theirs. */
async function holdersWereTold(held: string, entityId: string) {
  for (const s of [holder, chief]) {
    expect((await bell(s)).map((n) => [n.kind, n.notice.id, n.matched])).toEqual([["deconfliction", held, { via: "deconfliction", step: "requested" }]]);
  }
  await waitFor(() => sink.to(holder.email).length > 0 && sink.to(chief.email).length > 0, 20_000, "mail to the holders");
  expect(sink.to(holder.email)[0]!.subject).toBe("Tianshan: a deconfliction request for your agency");
  expect(sink.to(chief.email)[0]!.subject).toBe("Tianshan: запрос деконфликтинга к вашему ведомству");
  expect(sink.to(holder.email)[0]!.text).not.toContain(secret.title);

  const asked = (await chief.caller.deconfliction.overview()).asked;
  expect(asked.map((r) => [r.notice.id, r.message, r.status])).toEqual([[held, "Our consignee — can we compare?", "open"]]);
  // The requester's side names no notice of the holder's, however it is read.
  const before = await asker.caller.deconfliction.overview();
  expect(JSON.stringify(before)).not.toMatch(new RegExp(`${held}|${secret.title}`));
  expect(before.ours.map((o) => [o.entityId, o.waiting, o.outcomes])).toEqual([[entityId, true, []]]);
  expect(before.exchange.map((e) => e.action)).toEqual(["deconfliction.request"]);
  return asked;
}

describe("the author's mark", () => {
  it("is refused on a RED notice by the schema and by the database", async () => {
    const red = refusal(createThrough(holder.caller, seizureInput({ tlp: "red", recipientIds: [holder.viewer.userId], allowDeconfliction: true })));
    expect((await red).fields).toHaveProperty(["notice.allowDeconfliction"]);
    const { id } = await createThrough(holder.caller, seizureInput({ tlp: "red", recipientIds: [holder.viewer.userId] }));
    await expect(db.update(notices).set({ allowDeconfliction: true }).where(eq(notices.id, id))).rejects.toMatchObject({
      cause: { constraint_name: "notices_deconfliction_not_red" },
    });
  });

  it("without it, nothing: no hint, no request, no notification, no mail", async () => {
    const { id } = await createThrough(holder.caller, heldAlert());
    expect(await asker.caller.deconfliction.hints({ id: own })).toEqual([]);
    const parts = await asker.caller.entities.correlations({ id: own });
    const company = parts.find((p) => p.kind === "company")!;
    expect(await asker.caller.deconfliction.entityHint({ kind: "company", id: company.entityId })).toEqual({ held: false, requested: false });
    expect((await refusal(asker.caller.deconfliction.request({ entityId: company.entityId, message: "" }))).code).toBe("NOT_FOUND");
    await settle(1500);
    expect(await bell(holder)).toEqual([]);
    expect(sink.to(holder.email)).toHaveLength(0);
    await db.delete(notices).where(eq(notices.id, id));
  });
});

describe("with the mark", () => {
  it("a request reaches the holders in-app and by mail, and a release lets the requester read the notice", async () => {
    const { id: held } = await createThrough(holder.caller, heldAlert({ allowDeconfliction: true }));
    // Who may already read it sees it as correlation, never as a hint.
    const theirs = await createThrough(reader.caller, seizureInput({ tlp: "green", consignee: secret.company }));
    expect(await reader.caller.deconfliction.hints({ id: theirs.id })).toEqual([]);
    expect((await reader.caller.entities.correlations({ id: theirs.id })).flatMap((p) => p.notices.map((n) => n.id))).toContain(held);
    const hints = await asker.caller.deconfliction.hints({ id: own });
    expect(hints).toHaveLength(1);
    expect(Object.keys(hints[0]!).sort()).toEqual(["entityId", "kind", "name", "part", "requested", "role"]);
    expect(JSON.stringify(hints)).not.toContain(held);
    const entityId = hints[0]!.entityId;

    expect(await asker.caller.deconfliction.request({ entityId, fromNoticeId: own, message: "Our consignee — can we compare?" })).toEqual({ sent: true });
    // A resent form is the same request: one row, told once.
    expect(await asker.caller.deconfliction.request({ entityId, fromNoticeId: own, message: "Our consignee — can we compare?" })).toEqual({ sent: true });
    expect(await db.$count(deconflictionRequests, eq(deconflictionRequests.noticeId, held))).toBe(1);
    expect((await asker.caller.deconfliction.hints({ id: own }))[0]!.requested).toBe(true);

    const asked = await holdersWereTold(held, entityId);

    await chief.caller.deconfliction.answer({ id: asked[0]!.id, answer: "reply", message: "Which consignment?" });
    await waitFor(() => sink.to(asker.email).length > 0, 20_000, "the reply's mail");
    expect(sink.to(asker.email)[0]!.subject).toBe("Tianshan: an answer to your deconfliction request");
    const replied = await asker.caller.deconfliction.overview();
    expect(replied.ours[0]!.outcomes).toEqual([{ status: "open", at: expect.any(Date), reply: "Which consignment?", notice: null }]);
    expect(JSON.stringify(replied)).not.toMatch(new RegExp(`${held}|${secret.title}`));
    expect((await bell(asker)).map((n) => [n.notice.id, n.matched])).toEqual([[own, { via: "deconfliction", step: "replied" }]]);

    expect((await refusal(asker.caller.notices.get({ id: held }))).code).toBe("NOT_FOUND");
    await chief.caller.deconfliction.answer({ id: asked[0]!.id, answer: "release", message: "" });
    expect((await asker.caller.notices.get({ id: held })).notice.title).toBe(secret.title);
    expect(await asker.caller.deconfliction.hints({ id: own })).toEqual([]);
    await waitFor(() => sink.to(asker.email).length > 1, 20_000, "the release's mail");
    expect(sink.to(asker.email)[1]!.text).toContain(`/notices/${held}`);
    expect((await bell(asker))[0]!.notice.id).toBe(held);

    // Both audits: the holder's in full, the requester's naming the notice now it is theirs to read.
    const holderLog = (await holder.caller.deconfliction.overview()).exchange;
    expect(holderLog.map((e) => [e.action, e.notice?.id])).toEqual([
      ["deconfliction.release", held],
      ["deconfliction.reply", held],
      ["deconfliction.receive", held],
    ]);
    const askerLog = (await asker.caller.deconfliction.overview()).exchange;
    expect(askerLog.map((e) => [e.action, e.notice?.id ?? null, e.actor])).toEqual([
      ["deconfliction.release", held, null],
      ["deconfliction.reply", held, null],
      ["deconfliction.request", null, expect.any(String)],
    ]);
    // Another agency's user cannot answer it; nor can the requester.
    expect((await refusal(asker.caller.deconfliction.answer({ id: asked[0]!.id, answer: "decline", message: "" }))).code).toBe("NOT_FOUND");
  }, 90_000);
});

describe("with the mark, declined or over budget", () => {
  it("a decline tells the requester 'declined' and nothing of the notice", async () => {
    const { id: held } = await createThrough(
      holder.caller,
      heldAlert({ names: [{ script: "latin", name: "Other Front LLP" }], phones: ["+7 701 555 0000"], allowDeconfliction: true }),
    );
    const phone = (await asker.caller.deconfliction.hints({ id: own })).find((h) => h.kind === "phone")!;
    expect(await asker.caller.deconfliction.entityHint({ kind: "phone", id: phone.entityId })).toEqual({ held: true, requested: false });
    await asker.caller.deconfliction.request({ entityId: phone.entityId, message: "" });
    const [request] = (await holder.caller.deconfliction.overview()).asked.filter((r) => r.notice.id === held);
    await holder.caller.deconfliction.answer({ id: request!.id, answer: "decline", message: "" });
    expect((await refusal(holder.caller.deconfliction.answer({ id: request!.id, answer: "release", message: "" }))).code).toBe("CONFLICT");
    const view = await asker.caller.deconfliction.overview();
    expect(view.ours.find((o) => o.entityId === phone.entityId)!.outcomes.map((o) => [o.status, o.notice])).toEqual([["declined", null]]);
    expect(JSON.stringify(view)).not.toContain(held);
    expect(view.exchange[0]!).toMatchObject({ action: "deconfliction.decline", notice: null, actor: null });
    expect((await refusal(asker.caller.notices.get({ id: held }))).code).toBe("NOT_FOUND");
    await waitFor(() => sink.to(asker.email).some((m) => m.subject === "Tianshan: your deconfliction request was declined"), 20_000, "the decline's mail");
  }, 60_000);

  it("each agency may open only so many requests a day", async () => {
    const busy = await session((await createAgency(db, { countryCode: "TJ" })).id, "analyst");
    const mine = await createThrough(busy.caller, seizureInput({ tlp: "green", consignor: "Budget Front LLC" }));
    const { id: held } = await createThrough(holder.caller, heldAlert({ names: [{ script: "latin", name: "Budget Front LLC" }], allowDeconfliction: true }));
    const [hint] = await busy.caller.deconfliction.hints({ id: mine.id });
    await db.insert(deconflictionRequests).values(
      Array.from({ length: DAILY_REQUESTS_PER_AGENCY }, () => ({
        noticeId: held,
        entityId: hint!.entityId,
        requesterAgencyId: busy.viewer.agencyId,
        requesterId: busy.viewer.userId,
        fromNoticeId: mine.id,
        status: "declined" as const,
      })),
    );
    expect(await refusal(busy.caller.deconfliction.request({ entityId: hint!.entityId, message: "" }))).toMatchObject({ code: "CONFLICT" });
    expect(await db.$count(deconflictionRequests, sql`${deconflictionRequests.noticeId} = ${held} AND status = 'open'`)).toBe(0);
  });
});
