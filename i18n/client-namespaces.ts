type Messages = Record<string, unknown>;

/**
 * The messages the client components of every page translate with (`useTranslations` in a
 * "use client" module: the header's bell, outbox count and sign-out, the error page, the feed's
 * "new notices"), as namespace paths, down to single keys where a component asks for only those
 * (the error page's three `errors`). Every other string is rendered on the server and never sent:
 * all of a language's messages were ~85 KB in every page's Server Components payload, and the
 * messages of every section's client components were still ~10 KB of each page's compressed HTML
 * (`npm run bench:weight`). The forms' `errors` and `validation` (~11 KB raw) go to the sections
 * with client forms only.
 */
export const CLIENT_NAMESPACES = [
  "errors.internal",
  "errors.reference",
  "errors.retry",
  "feed.arrivals",
  "notifications.bell",
  "offline.client.signOutWarning",
  "offline.client.waiting",
] as const;

/**
 * What the client components of one section's pages add, sent by its layout only
 * (`export default clientSection("admin")`, app/_components/client-messages.tsx).
 * i18n/__tests__/client-messages.test.ts follows each page's imports to the client modules it
 * renders and checks that the page is sent every namespace they translate with, and that each
 * namespace listed is used. It follows modules, not components: a section that renders one
 * component of a module is sent the namespaces of the module's other components too.
 */
export const SECTION_NAMESPACES = {
  admin: [
    "agencies",
    "api.keys.form",
    "api.keys.scope",
    "common",
    "errors",
    "moderation.preModeration",
    "profile.preferences",
    "subscriptions.admin",
    "users",
    "validation",
  ],
  // Sign-in, invitation, second factor, unsubscribe: the language switcher and their own forms.
  auth: ["auth", "errors", "profile.preferences", "security.mfa", "users.accept", "validation"],
  moderation: ["common.combobox", "errors", "moderation.curation", "moderation.decide", "moderation.preModeration", "noticeForm.actions", "validation"],
  notice: [
    "common.combobox",
    "errors",
    "moderation.report",
    "notice.actions",
    "notice.related",
    "subscriptions.delivery",
    "subscriptions.deliveryLabel",
    "subscriptions.watch",
    "validation",
  ],
  // About as much again as all the rest; the pages with the notice form send it themselves.
  noticeForm: ["common.combobox", "entities.form", "errors", "noticeForm", "validation", "vocab"],
  // Agencies, crossings and substances: follow buttons, and curation for moderators.
  places: ["errors", "moderation.curation", "subscriptions", "validation"],
  // What waits in the outbox, with why its last attempt failed.
  outbox: ["errors", "offline.client"],
  profile: ["errors", "profile.password", "profile.preferences", "security.mfa", "security.profile", "validation"],
  subscriptions: ["common.combobox", "errors", "subscriptions", "validation"],
  // Declaration screening: its form and the result it renders from the action's answer.
  screening: ["errors", "screening", "validation"],
} as const satisfies Record<string, readonly string[]>;

export type ClientSection = keyof typeof SECTION_NAMESPACES;

/** What the notice form adds, sent by the pages that show it (`<ClientMessages more={NOTICE_FORM_NAMESPACES}>`). */
export const NOTICE_FORM_NAMESPACES = SECTION_NAMESPACES.noticeForm;

type FormKind = "seizure" | "company_alert" | "arrest";

/**
 * The parts of `noticeForm` and `vocab` that only one kind's part of the form translates with
 * (seizure-part.tsx; company-part.tsx and similar-alerts.tsx; arrest-part.tsx).
 */
export const NOTICE_KIND_NAMESPACES = {
  seizure: ["noticeForm.seizure", "vocab.conveyance", "vocab.unitName"],
  company_alert: ["noticeForm.company", "noticeForm.similar", "vocab.ground", "vocab.script", "vocab.status"],
  arrest: ["noticeForm.arrest", "vocab.arrestStatus", "vocab.personRole", "vocab.script"],
} as const satisfies Record<FormKind, readonly string[]>;

// What the form translates with whatever its kind: the rest of `noticeForm` and `vocab` is the
// page's own (titles, the chooser: rendered on the server) or the other kinds'.
const NOTICE_FORM_SHARED = [
  "noticeForm.actions",
  "noticeForm.autosave",
  "noticeForm.common",
  "noticeForm.grading",
  "noticeForm.intro",
  "noticeForm.marking",
  "noticeForm.place",
  "noticeForm.recipients",
  "noticeForm.summary",
  "vocab.credibility",
  "vocab.handling",
  "vocab.handlingMeaning",
  "vocab.reliability",
  "vocab.tlp",
  "vocab.tlpMeaning",
] as const;

/**
 * The `validation` messages a new notice can be refused with: zod's (schemas/issues.ts), the
 * fields' and the notice schemas' own, and the notice services' (write-parts.ts, write.ts,
 * links.ts) — about half of them; the rest are other forms' (passwords, users, screening…).
 * i18n/__tests__/client-messages.test.ts reads those modules for keys missing here.
 */
export const NOTICE_VALIDATION_KEYS = [
  "arrestNotPublic",
  "chooseAtLeast",
  "dateOutOfRange",
  "deconflictionNotRed",
  "email",
  "invalid",
  "invalidCharacters",
  "invalidChoice",
  "invalidCountry",
  "invalidDate",
  "invalidFormat",
  "invalidHsCode",
  "invalidNumber",
  "invalidPhone",
  "invalidTime",
  "kindChange",
  "linkToSelf",
  "notMemberCountry",
  "personNameRequired",
  "placeRequired",
  "recipientRequired",
  "releaseAgencyRequired",
  "releaseTargetRequired",
  "required",
  "strictNoCountries",
  "tooBig",
  "tooLong",
  "tooShort",
  "tooSmall",
  "unknownAgency",
  "unknownCountry",
  "unknownCrossing",
  "unknownField",
  "unknownProvision",
  "unknownRecipient",
  "unknownRecipientEmail",
  "unknownSubstance",
] as const;

/**
 * What the notice page's forms (status, retraction, report, watch, links; merge and redaction for
 * moderators; deconfliction) can be refused with: a new notice's keys and the moderation,
 * subscription and deconfliction schemas' and services' own — not the account, admin and screening
 * forms' (~1 KB of the notice page's compressed payload). Checked like NOTICE_VALIDATION_KEYS.
 */
export const NOTICE_PAGE_VALIDATION_KEYS = [
  ...NOTICE_VALIDATION_KEYS,
  "emptySubscription",
  "mergeIntoSelf",
  "mergeKindMismatch",
  "mergeWouldHide",
  "nothingToRedact",
  "replyRequired",
  "unknownReference",
] as const;

/**
 * The `errors` a notice's forms (the notice page's and the notice form) can be told: a refused or
 * failed request, and the notice, moderation and deconfliction services' refusals — not sign-in,
 * second factor, invitations, users and service accounts (~0.7 KB of each page's compressed
 * payload). i18n/__tests__/client-messages.test.ts reads those modules for keys missing here.
 */
export const NOTICE_ERROR_KEYS = [
  "FORBIDDEN",
  "UNAUTHORIZED",
  "deconflictionBudget",
  "deconflictionClosed",
  "deconflictionNotReleasable",
  "idempotencyKeyReused",
  "internal",
  "invalid",
  "network",
  "notADraft",
  "notFound",
  "notPinned",
  "notPublished",
  "notYourNotice",
  "noticeClosedByModeration",
  "noticeRetracted",
  "payloadTooLarge",
  "reference",
  "retry",
  "tooManyRequests",
  "unavailable",
  "versionConflict",
  "wrongStatusForDecision",
] as const;

/** `namespaces` with the whole `errors` and `validation` replaced by the given keys of each. */
function narrowed(namespaces: readonly string[], keys: { errors: readonly string[]; validation: readonly string[] }): string[] {
  return namespaces.flatMap((namespace) =>
    namespace === "errors" || namespace === "validation" ? keys[namespace].map((key) => `${namespace}.${key}`) : [namespace],
  );
}

/**
 * What a section's layout sends (`clientSection`): SECTION_NAMESPACES, the notice page's
 * `errors` and `validation` narrowed to what its forms can be refused with.
 */
export function sectionNamespaces(section: ClientSection): string[] {
  const namespaces = SECTION_NAMESPACES[section];
  return section === "notice" ? narrowed(namespaces, { errors: NOTICE_ERROR_KEYS, validation: NOTICE_PAGE_VALIDATION_KEYS }) : [...namespaces];
}

/**
 * What a new notice of one kind is sent (`<ClientMessages more={noticeFormNamespaces(kind)}>`):
 * NOTICE_FORM_NAMESPACES without the other kinds' parts and other forms' validation and error
 * messages, ~5 KB less of the page's payload.
 */
export function noticeFormNamespaces(kind: FormKind): string[] {
  const whole = new Set<string>(["noticeForm", "vocab"]);
  return [
    ...narrowed(
      NOTICE_FORM_NAMESPACES.filter((namespace) => !whole.has(namespace)),
      { errors: NOTICE_ERROR_KEYS, validation: NOTICE_VALIDATION_KEYS },
    ),
    ...NOTICE_FORM_SHARED,
    ...NOTICE_KIND_NAMESPACES[kind],
  ];
}

/** `messages` reduced to the given namespace paths ("a" or "a.b"), nested as they were. */
export function pickMessages(messages: Messages, namespaces: readonly string[]): Messages {
  const picked: Messages = {};
  for (const namespace of namespaces) {
    const path = namespace.split(".");
    const value = path.reduce<unknown>((node, key) => (node && typeof node === "object" ? (node as Messages)[key] : undefined), messages);
    if (value === undefined) continue;
    let target = picked;
    for (const key of path.slice(0, -1)) target = (target[key] ??= {}) as Messages;
    target[path.at(-1)!] = value;
  }
  return picked;
}
