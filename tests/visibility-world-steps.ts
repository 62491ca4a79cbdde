import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { asc, eq, inArray } from "drizzle-orm";
import { db } from "~/db/index";
import { noticeEvents, notices } from "~/db/schema";
import { createUser } from "~/db/seed/factories";
import { REPORT_REASONS } from "~/schemas/moderation-enums";
import { NOTICE_KINDS } from "~/schemas/notice-enums";
import type { NoticeFormValues } from "~/schemas/notices";
import { fanOut } from "~/server/jobs/fan-out";
import { sendDigestMails, sendInstantMail } from "~/server/jobs/mail";
import { callerFor } from "~/tests/callers";
import { arrestInput, companyInput, createThrough, seizureInput } from "~/tests/notices";
import type { Probe, World } from "./visibility-world";
import { AUTHORS, CAST, COORDINATOR, CROSSINGS, DAYS, PROBE_PLACES, SUBSTANCES, type NoticeSpec, type WorldSpec } from "./visibility-world-spec";

// The steps buildWorld (visibility-world.ts) takes, in its order: each through the procedures a
// user calls wherever a user could do it. The random draws (`pick`, `word`) are made in that order
// too, so that a seed builds the same world.

type Caller = Awaited<ReturnType<typeof callerFor>>["caller"];
export type Created = { spec: NoticeSpec; id: string; marker: string; nameWord: string | null };
/** What every step works with: the spec, its random draws, and the cast as users and callers. */
export type Builder = {
  spec: WorldSpec;
  pick: <T>(items: readonly T[]) => T;
  word: () => string;
  callers: Caller[];
  users: World["users"];
};

/** The cast, signed in, each following every new notice through the channel drawn for them. */
export async function startWorld(spec: WorldSpec): Promise<Builder> {
  const random = fc.sample(fc.nat({ max: 1_000_000 }), { numRuns: 1_000, seed: spec.seed });
  let draw = 0;
  const pick = <T>(items: readonly T[]) => items[random[draw++ % random.length]! % items.length]!;
  const word = () => `zx${Array.from({ length: 8 }, () => pick("abcdefghijklmnopqrstuvwxyz".split(""))).join("")}`;

  const people = [];
  for (const c of CAST)
    people.push(await createUser(db, { agencyId: c.agency.id, role: c.role, password: null, locale: "en", email: `w-${randomUUID()}@test.example.org` }));
  const callers = await Promise.all(people.map(async (p) => (await callerFor(p)).caller));
  const users = people.map((p, i) => ({
    id: p.id,
    agencyId: p.agencyId,
    country: CAST[i]!.agency.country,
    role: p.role,
    active: true,
    sessionVersion: p.sessionVersion,
  }));
  for (const [i, caller] of callers.entries()) await caller.subscriptions.create({ filter: { kinds: [...NOTICE_KINDS] }, delivery: spec.deliveries[i]! });
  return { spec, pick, word, callers, users };
}

/** The hub: a published CLEAR company alert everyone reads, naming a company with the base word. */
export async function createHub(b: Builder): Promise<{ id: string; marker: string }> {
  const marker = b.word();
  const input = companyInput({
    title: `Hub ${marker}`,
    names: [{ script: "latin", name: `${b.spec.base} Trading` }],
    crossingId: CROSSINGS[0].id,
    occurredOn: DAYS[0],
  });
  return { id: (await createThrough(b.callers[AUTHORS[0]!]!, input)).id, marker };
}

/** Where the spelling probes go: a few notices that not everyone reads, each at one place of the base word. */
function probePlaces(spec: WorldSpec): Map<number, (typeof PROBE_PLACES)[number]> {
  const probeFor = new Map<number, (typeof PROBE_PLACES)[number]>();
  const probeSlots = spec.notices.flatMap((n, i) =>
    n.kind !== "seizure" && !(n.status === "published" && (n.tlp === "clear" || n.tlp === "green")) ? [i] : [],
  );
  for (const [k, place] of PROBE_PLACES.entries()) if (probeSlots[k * 3] !== undefined) probeFor.set(probeSlots[k * 3]!, place);
  return probeFor;
}

/** A notice's form values, as its spec says: its marking's lists, its kind's facts, its marker and name word. */
function noticeInput(b: Builder, n: NoticeSpec, marker: string, nameWord: string | null): NoticeFormValues {
  const common = {
    title: `Notice ${marker}`,
    narrative: `What happened, told with ${marker} in it.`,
    occurredOn: DAYS[n.day],
    crossingId: CROSSINGS[n.crossing].id,
    tlp: n.tlp,
    releaseAgencyIds: n.tlp === "amber" || n.tlp === "amber_strict" ? n.agencies : [],
    releaseCountryCodes: n.tlp === "amber" ? n.countries : [],
    recipientIds: n.tlp === "red" ? n.recipients.map((r) => b.users[r]!.id) : [],
  };
  // The markings' own rules: AMBER is released to someone, AMBER+STRICT to an agency.
  if (n.tlp === "amber" && !common.releaseAgencyIds.length && !common.releaseCountryCodes.length) common.releaseCountryCodes = ["TJ"];
  if (n.tlp === "amber_strict" && !common.releaseAgencyIds.length) common.releaseAgencyIds = ["kg-customs"];
  return n.kind === "seizure"
    ? seizureInput({ ...common, items: [{ substanceId: SUBSTANCES[n.substance], quantity: 2, unit: "t" }] })
    : n.kind === "company_alert"
      ? companyInput({ ...common, names: [{ script: "latin", name: `${nameWord} Logistics` }] })
      : arrestInput({ ...common, persons: [{ names: { latin: `Ivan ${nameWord}` }, nationalityCode: "KZ", birthYear: 1980, role: "driver" }] });
}

/** Every notice of the spec, as a draft or published by its author (and edited where drawn), with the spelling probes. */
export async function createNotices(b: Builder): Promise<{ created: Created[]; probes: Probe[] }> {
  const { spec } = b;
  const probeFor = probePlaces(spec);
  const variant = (place: number, letter: string) => spec.base.slice(0, place) + letter + spec.base.slice(place + 1);
  const otherLetter = (place: number, not: string[]) => "abcdefghijklmnopqrstuvwxyz".split("").find((l) => l !== spec.base[place] && !not.includes(l))!;
  const created: Created[] = [];
  const probes: Probe[] = [];
  for (const [i, n] of spec.notices.entries()) {
    const marker = b.word();
    const place = probeFor.get(i);
    const nameWord = n.kind === "seizure" ? null : place === undefined ? b.word() : variant(place, otherLetter(place, []));
    const input = noticeInput(b, n, marker, nameWord);
    const asDraft = n.status !== "published" && n.status !== "retracted" && n.status !== "merged";
    const { id } = await createThrough(b.callers[n.author]!, input, { asDraft });
    if (place !== undefined) probes.push({ word: nameWord!, control: variant(place, otherLetter(place, [nameWord![place]!])), noticeId: id });
    created.push({ spec: n, id, marker, nameWord });
    if (n.edited && (n.status === "published" || n.status === "draft")) {
      const { notice } = await b.callers[n.author]!.notices.get({ id });
      await b.callers[n.author]!.notices.update({
        id,
        version: notice.version,
        notice: { ...input, narrative: `Edited: ${marker} again, and more.` } as NoticeFormValues,
      });
    }
  }
  return { created, probes };
}

/** Statuses that a form cannot reach by itself: set as the release and review steps leave them. */
export async function settleStatuses(b: Builder, created: Created[]) {
  for (const c of created) {
    if (c.spec.status === "pending_release" || c.spec.status === "pending_review")
      await db.update(notices).set({ status: c.spec.status }).where(eq(notices.id, c.id));
    if (c.spec.status === "changes_requested" || c.spec.status === "rejected") {
      await db.update(notices).set({ status: "pending_review" }).where(eq(notices.id, c.id));
      const decide = c.spec.status === "rejected" ? b.callers[COORDINATOR]!.moderation.reject : b.callers[COORDINATOR]!.moderation.requestChanges;
      // A RED notice is not the coordinators' to decide on: it is left as a decision would.
      await decide({ id: c.id, reason: `Decided on ${c.marker}` }).catch(() => db.update(notices).set({ status: c.spec.status }).where(eq(notices.id, c.id)));
    }
  }
}

/** Whether the first of `who` for whom `action` succeeds exists (the others are refused). */
async function tryAs(who: number[], action: (i: number) => Promise<unknown>): Promise<boolean> {
  for (const i of who)
    if (
      await action(i).then(
        () => true,
        () => false,
      )
    )
      return true;
  return false;
}

/** Reports and watches as drawn, where the user may; then everyone watches the hub. */
export async function reportAndWatch(b: Builder, created: Created[], hubId: string) {
  const { callers, pick } = b;
  for (const c of created) {
    const reporter = c.spec.reporter === "recipient" ? (c.spec.tlp === "red" ? c.spec.recipients[0]! : null) : c.spec.reporter;
    if (reporter !== null) await tryAs([reporter], (i) => callers[i]!.moderation.report({ id: c.id, reason: pick(REPORT_REASONS), note: `About ${c.marker}` }));
    for (const w of c.spec.watchers)
      await tryAs([w], (i) => callers[i]!.subscriptions.watch({ noticeId: c.id, delivery: pick(["in_app", "instant", "daily"] as const) }));
  }
  // By mail (instant or daily), so that what is told of the hub also reaches every mailbox.
  for (const [i, caller] of callers.entries()) await caller.subscriptions.watch({ noticeId: hubId, delivery: i % 2 ? "daily" : "instant" });
}

/** The drawn links to the hub (by each notice's author) and between notices; every pair as it was linked, once. */
export async function linkNotices(b: Builder, created: Created[], hubId: string): Promise<[string, string][]> {
  const linkings: [string, string][] = [];
  const link = async (who: number[], id: string, otherId: string) => {
    if (id === otherId || linkings.some(([x, y]) => (x === id && y === otherId) || (x === otherId && y === id))) return;
    if (await tryAs(who, (i) => b.callers[i]!.notices.link({ id, otherId }))) linkings.push([id, otherId]);
  };
  for (const i of b.spec.hubLinks) await link([created[i]!.spec.author], created[i]!.id, hubId);
  // Links, made by whoever may read both ends (refused for everyone else: then there is none).
  const everyone = CAST.map((_, i) => i);
  for (const [x, y] of b.spec.links) await link(everyone, created[x]!.id, created[y]!.id);
  return linkings;
}

/**
 * Retractions by their authors; then a merged notice is folded into the hub by a coordinator where
 * they may (not a RED one, unless a recipient reported it), or left merged with no survivor.
 */
export async function retractAndMerge(b: Builder, created: Created[], hubId: string): Promise<World["merges"]> {
  for (const c of created.filter((x) => x.spec.status === "retracted")) {
    await b.callers[c.spec.author]!.notices.retract({ id: c.id, reason: `Withdrawn: ${c.marker}` });
  }
  const merges: World["merges"] = [];
  for (const c of created.filter((x) => x.spec.status === "merged")) {
    if (
      await b.callers[COORDINATOR]!.moderation.merge({ id: hubId, duplicateId: c.id, reason: `Same as ${c.marker}` }).then(
        () => true,
        () => false,
      )
    ) {
      merges.push({ duplicateId: c.id, survivorId: hubId });
    } else {
      await db.update(notices).set({ status: "merged" }).where(eq(notices.id, c.id));
    }
  }
  return merges;
}

/**
 * What happened reaches people as the worker would deliver it: each event fanned out in order,
 * then every instant message and digest sent (into the database mailbox: no SMTP here).
 */
export async function deliver(ids: string[], users: World["users"]) {
  const events = await db.select({ id: noticeEvents.id }).from(noticeEvents).where(inArray(noticeEvents.noticeId, ids)).orderBy(asc(noticeEvents.id));
  for (const e of events) await fanOut(e.id);
  for (const u of users) for (const category of ["alerts", "moderation"] as const) await sendInstantMail({ userId: u.id, category });
  const now = new Date().toISOString();
  await sendDigestMails(
    users.flatMap((u) => (["daily", "weekly"] as const).map((period) => ({ userId: u.id, period, periodDate: "2099-01-01", cutoff: now }))),
    2,
  );
}
