import { randomUUID } from "node:crypto";
import { createCaller } from "~/server/api/root";
import { createSession, loadViewer } from "~/server/auth/sessions";

/**
 * A tRPC caller acting as `user`, through a real server-side session, exactly as a request with
 * that user's cookie would be: the viewer is loaded from the database.
 */
export async function callerFor(user: { id: string; sessionVersion: number }) {
  const sessionId = await createSession({ userId: user.id, sessionVersion: user.sessionVersion, ip: "127.0.0.1", userAgent: "vitest" });
  const viewer = await loadViewer(sessionId);
  if (!viewer) throw new Error("the test user cannot sign in (inactive user or agency?)");
  return { caller: createCaller({ viewer, ip: "127.0.0.1", requestId: randomUUID() }), viewer, sessionId };
}

export const anonymousCaller = () => createCaller({ viewer: null, ip: "127.0.0.1", requestId: randomUUID() });
