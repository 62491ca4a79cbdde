import { eq } from "drizzle-orm";
import { db } from "~/db/index";
import { notices } from "~/db/schema";
import { createUser } from "~/db/seed/factories";
import type { NoticeKind } from "~/schemas/notice-enums";
import type { NoticeFormValues } from "~/schemas/notices";
import { callerFor } from "~/tests/callers";
import { arrestInput, companyInput, seizureInput } from "~/tests/notices";

// What the write-and-read tests share: notices of each kind released to Kazakhstan, an edit of
// each kind's details, callers of each role.

export type Caller = Awaited<ReturnType<typeof callerFor>>["caller"];
export type Notice = NoticeFormValues;

export const TITLE = "Acetic anhydride mislabelled as corn oil";
// AMBER released to Kazakhstan: a Kazakh agency reads these notices and a Tajik one does not.
const amberToKz = { title: TITLE, tlp: "amber" as const, releaseCountryCodes: ["KZ"] };

export const build = {
  seizure: (over: Parameters<typeof seizureInput>[0] = {}) => seizureInput({ ...amberToKz, ...over }),
  company_alert: (over: Parameters<typeof companyInput>[0] = {}) => companyInput({ ...amberToKz, ...over }),
  arrest: (over: Parameters<typeof arrestInput>[0] = {}) => arrestInput({ ...amberToKz, chargeIds: ["kg-cc2021-current"], ...over }),
} satisfies Record<NoticeKind, (over?: never) => Notice>;

/** A change to a field of the kind's own details, to see it in the history. */
export const kindEdit: Record<NoticeKind, { notice: Notice; field: string }> = {
  seizure: { notice: build.seizure({ title: "Edited title", items: [{ substanceId: "acetic-anhydride", quantity: 3, unit: "t" }] }), field: "seizure" },
  company_alert: { notice: build.company_alert({ title: "Edited title", owners: ["A. Owner"] }), field: "companyAlert" },
  arrest: { notice: build.arrest({ title: "Edited title", arrestStatus: "charged" }), field: "arrest" },
};

export const createWithKey = (caller: Caller, notice: Notice, idempotencyKey: string) => caller.notices.create({ idempotencyKey, notice });

export async function user(agencyId: string, role: "analyst" | "chief" | "coordinator" | "agency_admin" = "analyst") {
  return (await callerFor(await createUser(db, { agencyId, role }))).caller;
}

export const countByAuthor = async (caller: Caller) => db.$count(notices, eq(notices.authorId, (await caller.viewer.me()).userId));
