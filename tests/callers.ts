import { randomUUID } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { fieldErrorsOf } from "~/server/api/errors";
import { createCaller } from "~/server/api/root";
import { createSession, loadViewer } from "~/server/auth/sessions";
import { ServiceError } from "~/server/services/errors";

/**
 * A tRPC caller acting as `user`, through a real server-side session, exactly as a request with
 * that user's cookie would be once past the second factor: the viewer is loaded from the database.
 */
export async function callerFor(user: { id: string; sessionVersion: number }) {
  const sessionId = await createSession({ userId: user.id, sessionVersion: user.sessionVersion, ip: "127.0.0.1", userAgent: "vitest", mfaVerified: true });
  const viewer = await loadViewer(sessionId, "127.0.0.1");
  if (!viewer) throw new Error("the test user cannot sign in (inactive user or agency?)");
  return { caller: createCaller({ viewer, ip: "127.0.0.1", requestId: randomUUID() }), viewer, sessionId };
}

export const anonymousCaller = () => createCaller({ viewer: null, ip: "127.0.0.1", requestId: randomUUID() });

/** What a client is told about a refused call: its code, the service's message key and the fields. */
export async function refusal(call: Promise<unknown>) {
  try {
    await call;
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    const cause = error.cause;
    return { code: error.code, key: cause instanceof ServiceError ? cause.key : null, fields: fieldErrorsOf(cause) ?? {} };
  }
  throw new Error("the call was expected to be refused");
}

export const fieldsOf = async (call: Promise<unknown>) => (await refusal(call)).fields;
