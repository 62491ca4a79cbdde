import type { NoticeStatus } from "./notice-enums";
import type { Permission } from "~/server/auth/permissions";
import type { Viewer } from "~/server/auth/sessions";

// The life of a notice in one place: which statuses mean what to its readers, and which step may
// leave which status, by whom. Visibility builds its SQL from these sets, the writes and the
// moderation decisions check their step here, and the notice page's action flags and the
// moderation panel's decisions come from it. Pure data: the browser's panel imports it too.
// ARCHITECTURE.md draws it ("The life of a notice").

/** Readers of its marking see it: the feed's notices, and retracted ones kept for the record. */
export const RELEASED = ["published", "retracted"] as const satisfies readonly NoticeStatus[];
/** What moderation holds back from the marking's readers: coordinators see these. */
export const HELD = ["pending_review", "changes_requested", "rejected", "merged"] as const satisfies readonly NoticeStatus[];
/** Kept as they are, for the record: retracted by its agency, or decided by moderation for good. */
export const CLOSED = ["retracted", "rejected", "merged"] as const satisfies readonly NoticeStatus[];

/**
 * Who takes a step: `own` the author or a colleague of the originating agency, `agency` a member
 * of the originating agency, `moderator` anyone with the permission (coordinators; their scope
 * is `lockForModeration`'s).
 */
type Step = { from: readonly NoticeStatus[]; permission: Permission; by: "own" | "agency" | "moderator" };

export const STEPS = {
  edit: { from: ["draft", "pending_release", "pending_review", "changes_requested", "published"], permission: "notice.edit", by: "own" },
  submit: { from: ["draft"], permission: "notice.edit", by: "own" },
  release: { from: ["pending_release"], permission: "notice.release", by: "agency" },
  retract: { from: ["published"], permission: "notice.retract", by: "own" },
  approve: { from: ["pending_review"], permission: "moderation.review", by: "moderator" },
  requestChanges: { from: ["pending_review", "published"], permission: "moderation.review", by: "moderator" },
  reject: { from: ["pending_review", "changes_requested"], permission: "moderation.review", by: "moderator" },
  retractByModerator: { from: ["published"], permission: "moderation.review", by: "moderator" },
  pin: { from: ["published"], permission: "moderation.review", by: "moderator" },
  mergeDuplicate: { from: ["published", "pending_review"], permission: "moderation.review", by: "moderator" },
  mergeSurvivor: { from: ["published"], permission: "moderation.review", by: "moderator" },
} as const satisfies Record<string, Step>;

export type StepName = keyof typeof STEPS;

/** Whether a notice in `status` may take the step at all (who may is `stepsFor`'s question). */
export const leaves = (step: StepName, status: NoticeStatus): boolean => (STEPS[step].from as readonly NoticeStatus[]).includes(status);

type NoticeParties = { status: NoticeStatus; authorId: string; agencyId: string };

/** Which of the author's and the agency's steps the viewer may take on a notice they can read: the page's buttons. */
export function stepsFor(viewer: Pick<Viewer, "userId" | "agencyId" | "permissions">, notice: NoticeParties) {
  const own = notice.authorId === viewer.userId || notice.agencyId === viewer.agencyId;
  const may = (step: "edit" | "submit" | "release" | "retract") => {
    const { permission, by } = STEPS[step];
    return leaves(step, notice.status) && viewer.permissions.has(permission) && (by === "own" ? own : notice.agencyId === viewer.agencyId);
  };
  return { edit: may("edit"), submit: may("submit"), release: may("release"), retract: may("retract") };
}
