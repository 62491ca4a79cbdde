import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { asc, eq, inArray, or } from "drizzle-orm";
import { db } from "~/db/index";
import { noticeEvents, noticeLinks, noticeRecipients, noticeReleaseAgencies, noticeReleaseCountries, noticeReports, notices } from "~/db/schema";
import { createUser } from "~/db/seed/factories";
import { REPORT_REASONS } from "~/schemas/moderation-enums";
import { NOTICE_KINDS, NOTICE_STATUSES, TLP_LEVELS, type NoticeKind, type NoticeStatus, type Tlp } from "~/schemas/notice-enums";
import type { NoticeFormValues } from "~/schemas/notices";
import type { Delivery } from "~/schemas/subscriptions";
import type { Role } from "~/server/auth/roles";
import { fanOut } from "~/server/jobs/fan-out";
import { sendDigestMails, sendInstantMail } from "~/server/jobs/mail";
import { callerFor } from "~/tests/callers";
import type { ModelNotice, ModelUser } from "~/tests/visibility-model";
import { arrestInput, companyInput, createThrough, seizureInput } from "~/tests/notices";

/**
 * One world for the every-surface visibility test: users of every role in agencies that share a
 * country, another country, and UNODC; a notice of every marking in every status (each of some
 * kind), with random release lists and RED recipients, reports, watches, edits, links, retractions
 * and merges, all made through the procedures a user calls, so that every derived row
 * (versions, events, notifications, mail, audit, moderation log) is the application's own. Its
 * facts (statuses, lists, links) are then read back; who may read what is the model's to say.
 *
 * Every notice carries a marker word of its own in its title, narrative and every reason written
 * about it, so that a surface that lets anything of it through is caught by a text search.
 */

export const AGENCIES = [
  { id: "kz-sgd-customs", country: "KZ" },
  { id: "kz-border-service", country: "KZ" },
  { id: "kg-customs", country: "KG" },
  { id: "unodc-roca", country: null },
] as const;

const CAST: { agency: (typeof AGENCIES)[number]; role: Role }[] = [
  { agency: AGENCIES[0], role: "analyst" },
  { agency: AGENCIES[0], role: "chief" },
  { agency: AGENCIES[0], role: "agency_admin" },
  { agency: AGENCIES[1], role: "analyst" },
  { agency: AGENCIES[2], role: "analyst" },
  { agency: AGENCIES[2], role: "chief" },
  { agency: AGENCIES[3], role: "coordinator" },
  { agency: AGENCIES[3], role: "admin" },
];
const AUTHORS = CAST.flatMap((c, i) => (c.role === "analyst" || c.role === "coordinator" ? [i] : []));
const COORDINATOR = CAST.findIndex((c) => c.role === "coordinator");

export const CROSSINGS = [
  { id: "torugart", country: "KG" },
  { id: "dostyk", country: "KZ" },
] as const;
export const SUBSTANCES = ["acetic-anhydride", "anpp"] as const;
export const DAYS = ["2026-02-10", "2026-03-20"] as const;

// Spelling suggestions: the hub (CLEAR, read by everyone) names a company with BASE; a probe
// notice names one with BASE changed at one place. Probes differ from each other at places far
// enough apart that only BASE is close to each (pg_trgm), so a word's neighbours are known.
const PROBE_PLACES = [1, 5, 8] as const;

type NoticeSpec = {
  tlp: Tlp;
  status: NoticeStatus;
  kind: NoticeKind;
  author: number;
  agencies: string[];
  countries: string[];
  recipients: number[];
  crossing: 0 | 1;
  substance: 0 | 1;
  day: 0 | 1;
  edited: boolean;
  reporter: number | "recipient" | null;
  watchers: number[];
};

const userIndex = fc.nat({ max: CAST.length - 1 });
const noticeSpec = (tlp: Tlp, status: NoticeStatus): fc.Arbitrary<NoticeSpec> =>
  fc.record({
    tlp: fc.constant(tlp),
    status: fc.constant(status),
    // An arrest may never be CLEAR or GREEN: such a slot gets a seizure instead. A notice to be
    // merged is a company alert, so that the hub (a published CLEAR one) can always survive it.
    kind:
      status === "merged"
        ? fc.constant<NoticeKind>("company_alert")
        : fc
            .constantFrom<NoticeKind>("seizure", "company_alert", "arrest")
            .map((k) => (k === "arrest" && (tlp === "clear" || tlp === "green") ? "seizure" : k)),
    author: fc.constantFrom(...AUTHORS),
    agencies: fc.subarray(AGENCIES.map((a) => a.id)),
    countries: fc.subarray(["KZ", "KG", "TJ"]),
    recipients: fc.uniqueArray(userIndex, { minLength: 1, maxLength: 3 }),
    crossing: fc.constantFrom(0 as const, 1 as const),
    substance: fc.constantFrom(0 as const, 1 as const),
    day: fc.constantFrom(0 as const, 1 as const),
    edited: fc.boolean(),
    reporter: fc.oneof(fc.constant(null), fc.constant("recipient" as const), userIndex),
    watchers: fc.uniqueArray(userIndex, { maxLength: 4 }),
  });

const letters = (length: number) => fc.stringMatching(new RegExp(`^[a-z]{${length}}$`));

export const worldArb = fc.record({
  // Every marking in every status, once.
  notices: fc.tuple(...TLP_LEVELS.flatMap((tlp) => NOTICE_STATUSES.map((status) => noticeSpec(tlp, status)))),
  deliveries: fc.array(fc.constantFrom<Delivery>("in_app", "instant", "daily", "weekly"), { minLength: CAST.length, maxLength: CAST.length }),
  // Notices their authors link to the hub, which everyone watches: a link to a notice a watcher
  // may not read is then told (or not) to everyone.
  hubLinks: fc.uniqueArray(fc.nat({ max: TLP_LEVELS.length * NOTICE_STATUSES.length - 1 }), { minLength: 3, maxLength: 8 }),
  links: fc.array(fc.tuple(fc.nat({ max: TLP_LEVELS.length * NOTICE_STATUSES.length - 1 }), fc.nat({ max: TLP_LEVELS.length * NOTICE_STATUSES.length - 1 })), {
    minLength: 10,
    maxLength: 25,
  }),
  // "zq…": no word of the reference data starts so; the rest is random each run.
  base: letters(8).map((s) => `zq${s}`),
  seed: fc.nat(),
});
export type WorldSpec = typeof worldArb extends fc.Arbitrary<infer T> ? T : never;

export type WorldNotice = ModelNotice & {
  kind: NoticeKind;
  /** A word of its own, in its title, its narrative and every reason written about it. */
  marker: string;
  /** The word of its company or person name, for spelling suggestions (null for seizures). */
  nameWord: string | null;
  crossingId: string;
  countryCode: string;
  substanceId: string | null;
  occurredOn: string;
};
export type Probe = { word: string; control: string; noticeId: string };
export type World = {
  users: (ModelUser & { sessionVersion: number })[];
  notices: WorldNotice[];
  hub: WorldNotice;
  /** Every pair as it stands in notice_links (merges move a duplicate's links to the survivor). */
  links: [string, string][];
  /** Every pair as it was linked, each once: what `linked` events were about. */
  linkings: [string, string][];
  merges: { duplicateId: string; survivorId: string }[];
  probes: Probe[];
  baseWord: string;
};

/** Builds the world in the database, through the procedures wherever a user could do it. */
export async function buildWorld(spec: WorldSpec): Promise<World> {
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
  // Everyone follows every new notice (of any kind), through the channel drawn for them.
  for (const [i, caller] of callers.entries()) await caller.subscriptions.create({ filter: { kinds: [...NOTICE_KINDS] }, delivery: spec.deliveries[i]! });

  const probeFor = new Map<number, (typeof PROBE_PLACES)[number]>();
  const probeSlots = spec.notices.flatMap((n, i) =>
    n.kind !== "seizure" && !(n.status === "published" && (n.tlp === "clear" || n.tlp === "green")) ? [i] : [],
  );
  for (const [k, place] of PROBE_PLACES.entries()) if (probeSlots[k * 3] !== undefined) probeFor.set(probeSlots[k * 3]!, place);
  const variant = (place: number, letter: string) => spec.base.slice(0, place) + letter + spec.base.slice(place + 1);
  const otherLetter = (place: number, not: string[]) => "abcdefghijklmnopqrstuvwxyz".split("").find((l) => l !== spec.base[place] && !not.includes(l))!;

  const created: { spec: NoticeSpec; id: string; marker: string; nameWord: string | null }[] = [];
  const probes: Probe[] = [];
  const hubAuthor = AUTHORS[0]!;
  const hubMarker = word();
  const hubInput = companyInput({
    title: `Hub ${hubMarker}`,
    names: [{ script: "latin", name: `${spec.base} Trading` }],
    crossingId: CROSSINGS[0].id,
    occurredOn: DAYS[0],
  });
  const hubId = (await createThrough(callers[hubAuthor]!, hubInput)).id;

  for (const [i, n] of spec.notices.entries()) {
    const marker = word();
    const place = probeFor.get(i);
    const nameWord = n.kind === "seizure" ? null : place === undefined ? word() : variant(place, otherLetter(place, []));
    const common = {
      title: `Notice ${marker}`,
      narrative: `What happened, told with ${marker} in it.`,
      occurredOn: DAYS[n.day],
      crossingId: CROSSINGS[n.crossing].id,
      tlp: n.tlp,
      releaseAgencyIds: n.tlp === "amber" || n.tlp === "amber_strict" ? n.agencies : [],
      releaseCountryCodes: n.tlp === "amber" ? n.countries : [],
      recipientIds: n.tlp === "red" ? n.recipients.map((r) => users[r]!.id) : [],
    };
    // The markings' own rules: AMBER is released to someone, AMBER+STRICT to an agency.
    if (n.tlp === "amber" && !common.releaseAgencyIds.length && !common.releaseCountryCodes.length) common.releaseCountryCodes = ["TJ"];
    if (n.tlp === "amber_strict" && !common.releaseAgencyIds.length) common.releaseAgencyIds = ["kg-customs"];
    const input: NoticeFormValues =
      n.kind === "seizure"
        ? seizureInput({ ...common, items: [{ substanceId: SUBSTANCES[n.substance], quantity: 2, unit: "t" }] })
        : n.kind === "company_alert"
          ? companyInput({ ...common, names: [{ script: "latin", name: `${nameWord} Logistics` }] })
          : arrestInput({ ...common, persons: [{ names: { latin: `Ivan ${nameWord}` }, nationalityCode: "KZ", birthYear: 1980, role: "driver" }] });
    const asDraft = n.status !== "published" && n.status !== "retracted" && n.status !== "merged";
    const { id } = await createThrough(callers[n.author]!, input, { asDraft });
    if (place !== undefined) probes.push({ word: nameWord!, control: variant(place, otherLetter(place, [nameWord![place]!])), noticeId: id });
    created.push({ spec: n, id, marker, nameWord });
    if (n.edited && (n.status === "published" || n.status === "draft")) {
      const { notice } = await callers[n.author]!.notices.get({ id });
      await callers[n.author]!.notices.update({
        id,
        version: notice.version,
        notice: { ...input, narrative: `Edited: ${marker} again, and more.` } as NoticeFormValues,
      });
    }
  }

  // Statuses that a form cannot reach by itself: set as the release and review steps leave them.
  for (const c of created) {
    if (c.spec.status === "pending_release" || c.spec.status === "pending_review")
      await db.update(notices).set({ status: c.spec.status }).where(eq(notices.id, c.id));
    if (c.spec.status === "changes_requested" || c.spec.status === "rejected") {
      await db.update(notices).set({ status: "pending_review" }).where(eq(notices.id, c.id));
      const decide = c.spec.status === "rejected" ? callers[COORDINATOR]!.moderation.reject : callers[COORDINATOR]!.moderation.requestChanges;
      // A RED notice is not the coordinators' to decide on: it is left as a decision would.
      await decide({ id: c.id, reason: `Decided on ${c.marker}` }).catch(() => db.update(notices).set({ status: c.spec.status }).where(eq(notices.id, c.id)));
    }
  }

  const tryAs = async (who: number[], action: (i: number) => Promise<unknown>) => {
    for (const i of who)
      if (
        await action(i).then(
          () => true,
          () => false,
        )
      )
        return true;
    return false;
  };
  const everyone = CAST.map((_, i) => i);
  for (const c of created) {
    const reporter = c.spec.reporter === "recipient" ? (c.spec.tlp === "red" ? c.spec.recipients[0]! : null) : c.spec.reporter;
    if (reporter !== null) await tryAs([reporter], (i) => callers[i]!.moderation.report({ id: c.id, reason: pick(REPORT_REASONS), note: `About ${c.marker}` }));
    for (const w of c.spec.watchers)
      await tryAs([w], (i) => callers[i]!.subscriptions.watch({ noticeId: c.id, delivery: pick(["in_app", "instant", "daily"] as const) }));
  }
  // By mail (instant or daily), so that what is told of the hub also reaches every mailbox.
  for (const [i, caller] of callers.entries()) await caller.subscriptions.watch({ noticeId: hubId, delivery: i % 2 ? "daily" : "instant" });
  const linkings: [string, string][] = [];
  const link = async (who: number[], id: string, otherId: string) => {
    if (id === otherId || linkings.some(([a, b]) => (a === id && b === otherId) || (a === otherId && b === id))) return;
    if (await tryAs(who, (i) => callers[i]!.notices.link({ id, otherId }))) linkings.push([id, otherId]);
  };
  for (const i of spec.hubLinks) await link([created[i]!.spec.author], created[i]!.id, hubId);
  // Links, made by whoever may read both ends (refused for everyone else: then there is none).
  for (const [a, b] of spec.links) await link(everyone, created[a]!.id, created[b]!.id);
  for (const c of created.filter((x) => x.spec.status === "retracted")) {
    await callers[c.spec.author]!.notices.retract({ id: c.id, reason: `Withdrawn: ${c.marker}` });
  }
  // A merged notice is folded into the hub by a coordinator where they may (not a RED one, unless
  // a recipient reported it); otherwise it is left merged with no survivor.
  const merges: World["merges"] = [];
  for (const c of created.filter((x) => x.spec.status === "merged")) {
    if (
      await callers[COORDINATOR]!.moderation.merge({ id: hubId, duplicateId: c.id, reason: `Same as ${c.marker}` }).then(
        () => true,
        () => false,
      )
    ) {
      merges.push({ duplicateId: c.id, survivorId: hubId });
    } else {
      await db.update(notices).set({ status: "merged" }).where(eq(notices.id, c.id));
    }
  }

  // What happened reaches people as the worker would deliver it: each event fanned out in order,
  // then every instant message and digest sent (into the database mailbox: no SMTP here).
  const ids = [hubId, ...created.map((c) => c.id)];
  const events = await db.select({ id: noticeEvents.id }).from(noticeEvents).where(inArray(noticeEvents.noticeId, ids)).orderBy(asc(noticeEvents.id));
  for (const e of events) await fanOut(e.id);
  for (const u of users) for (const category of ["alerts", "moderation"] as const) await sendInstantMail({ userId: u.id, category });
  const now = new Date().toISOString();
  await sendDigestMails(
    users.flatMap((u) => (["daily", "weekly"] as const).map((period) => ({ userId: u.id, period, periodDate: "2099-01-01", cutoff: now }))),
    2,
  );

  const facts = await readFacts(ids);
  const worldNotice = (id: string, marker: string, nameWord: string | null, n: Pick<NoticeSpec, "kind" | "crossing" | "substance" | "day">): WorldNotice => ({
    ...facts.get(id)!,
    kind: n.kind,
    marker,
    nameWord,
    crossingId: CROSSINGS[n.crossing].id,
    countryCode: CROSSINGS[n.crossing].country,
    substanceId: n.kind === "seizure" ? SUBSTANCES[n.substance] : null,
    occurredOn: DAYS[n.day],
  });
  const links = await db
    .select({ a: noticeLinks.noticeA, b: noticeLinks.noticeB })
    .from(noticeLinks)
    .where(or(inArray(noticeLinks.noticeA, ids), inArray(noticeLinks.noticeB, ids)));
  return {
    users,
    notices: created.map((c) => worldNotice(c.id, c.marker, c.nameWord, c.spec)),
    hub: worldNotice(hubId, hubMarker, spec.base, { kind: "company_alert", crossing: 0, substance: 0, day: 0 }),
    links: links.map((l) => [l.a, l.b]),
    linkings,
    merges,
    probes,
    baseWord: spec.base,
  };
}

/** The facts the visibility rule looks at, as they stand in the database after the world was made. */
async function readFacts(ids: string[]): Promise<Map<string, ModelNotice>> {
  const rows = await db
    .select({ id: notices.id, authorId: notices.authorId, agencyId: notices.agencyId, tlp: notices.tlp, status: notices.status })
    .from(notices)
    .where(inArray(notices.id, ids));
  const of = async <T extends { noticeId: string }>(query: Promise<T[]>) => {
    const byNotice = new Map<string, T[]>();
    for (const row of await query) byNotice.set(row.noticeId, [...(byNotice.get(row.noticeId) ?? []), row]);
    return byNotice;
  };
  const agencies = await of(db.select().from(noticeReleaseAgencies).where(inArray(noticeReleaseAgencies.noticeId, ids)));
  const countries = await of(db.select().from(noticeReleaseCountries).where(inArray(noticeReleaseCountries.noticeId, ids)));
  const recipients = await of(db.select().from(noticeRecipients).where(inArray(noticeRecipients.noticeId, ids)));
  const reports = await of(
    db.select({ noticeId: noticeReports.noticeId, reporterId: noticeReports.reporterId }).from(noticeReports).where(inArray(noticeReports.noticeId, ids)),
  );
  return new Map(
    rows.map((r) => {
      const readers = (recipients.get(r.id) ?? []).map((x) => x.userId);
      const notice: ModelNotice = {
        ...r,
        agencies: (agencies.get(r.id) ?? []).map((x) => x.agencyId),
        countries: (countries.get(r.id) ?? []).map((x) => x.countryCode),
        recipients: readers,
        reported: (reports.get(r.id) ?? []).some((x) => readers.includes(x.reporterId)),
      };
      return [r.id, notice];
    }),
  );
}
