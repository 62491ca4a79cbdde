import { db } from "~/db/index";
import { endSession } from "~/server/auth/sessions";
import { audit } from "~/server/services/audit";

/** Ends one session and audits it, whether next-auth's endpoint or the sign-out form asked. */
export async function signOutSession(sessionId: string): Promise<void> {
  const actor = await endSession(sessionId);
  if (actor) await audit(db, { action: "auth.signout", actor, details: { sessionId } });
}
