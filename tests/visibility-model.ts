import type { NoticeStatus, Tlp } from "~/schemas/notice-enums";
import type { Role } from "~/server/auth/roles";

// The TLP rules of the issue, written independently of the SQL predicate, as the oracle of the
// visibility tests.

export type ModelUser = { id: string; agencyId: string; country: string | null; role: Role; active: boolean };
export type ModelNotice = {
  id: string;
  authorId: string;
  agencyId: string;
  tlp: Tlp;
  status: NoticeStatus;
  agencies: string[];
  countries: string[];
  recipients: string[];
  /** Reported for moderation by one of its recipients. */
  reported: boolean;
};

export function mayRead(user: ModelUser, n: ModelNotice): boolean {
  if (!user.active) return false;
  if (n.authorId === user.id) return true;
  if (n.status === "pending_release") return user.role === "chief" && user.agencyId === n.agencyId && n.tlp !== "red";
  if (["pending_review", "changes_requested", "rejected", "merged"].includes(n.status)) return user.role === "coordinator" && n.tlp !== "red";
  if (n.status !== "published" && n.status !== "retracted") return false;
  if (user.role === "coordinator" && (n.tlp !== "red" || n.reported)) return true;
  switch (n.tlp) {
    case "clear":
    case "green":
      return true;
    case "amber":
      return user.agencyId === n.agencyId || n.agencies.includes(user.agencyId) || (user.country !== null && n.countries.includes(user.country));
    case "amber_strict":
      return user.agencyId === n.agencyId || n.agencies.includes(user.agencyId);
    case "red":
      return n.recipients.includes(user.id);
  }
}
