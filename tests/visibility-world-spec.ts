import fc from "fast-check";
import { NOTICE_STATUSES, TLP_LEVELS, type NoticeKind, type NoticeStatus, type Tlp } from "~/schemas/notice-enums";
import type { Delivery } from "~/schemas/subscriptions";
import type { Role } from "~/server/auth/roles";

// What the visibility world (visibility-world.ts) is made of: its cast of users, its places and
// substances, and the arbitrary that draws its notices, links and spelling probes.

export const AGENCIES = [
  { id: "kz-sgd-customs", country: "KZ" },
  { id: "kz-border-service", country: "KZ" },
  { id: "kg-customs", country: "KG" },
  { id: "unodc-roca", country: null },
] as const;

export const CAST: { agency: (typeof AGENCIES)[number]; role: Role }[] = [
  { agency: AGENCIES[0], role: "analyst" },
  { agency: AGENCIES[0], role: "chief" },
  { agency: AGENCIES[0], role: "agency_admin" },
  { agency: AGENCIES[1], role: "analyst" },
  { agency: AGENCIES[2], role: "analyst" },
  { agency: AGENCIES[2], role: "chief" },
  { agency: AGENCIES[3], role: "coordinator" },
  { agency: AGENCIES[3], role: "admin" },
];
export const AUTHORS = CAST.flatMap((c, i) => (c.role === "analyst" || c.role === "coordinator" ? [i] : []));
export const COORDINATOR = CAST.findIndex((c) => c.role === "coordinator");

export const CROSSINGS = [
  { id: "torugart", country: "KG" },
  { id: "dostyk", country: "KZ" },
] as const;
export const SUBSTANCES = ["acetic-anhydride", "anpp"] as const;
export const DAYS = ["2026-02-10", "2026-03-20"] as const;

// Spelling suggestions: the hub (CLEAR, read by everyone) names a company with BASE; a probe
// notice names one with BASE changed at one place. Probes differ from each other at places far
// enough apart that only BASE is close to each (pg_trgm), so a word's neighbours are known.
export const PROBE_PLACES = [1, 5, 8] as const;

export type NoticeSpec = {
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
