import { createHmac, timingSafeEqual } from "node:crypto";
import { env } from "~/env.js";

/**
 * One-click unsubscribe links carry no session, so the link itself is the proof: it names the
 * user and the subscriptions an email was sent for, signed with a key derived from AUTH_SECRET.
 * It can switch those subscriptions' email off and nothing else.
 */
export type UnsubscribeClaim = { userId: string; subscriptionIds: string[] };

function key(): Buffer {
  if (!env.AUTH_SECRET) throw new Error("AUTH_SECRET is not set: unsubscribe links cannot be signed");
  return createHmac("sha256", env.AUTH_SECRET).update("tianshan/unsubscribe/v1").digest();
}

const mac = (payload: string) => createHmac("sha256", key()).update(payload).digest("base64url");

export function signUnsubscribe(claim: UnsubscribeClaim): string {
  const payload = Buffer.from(JSON.stringify({ u: claim.userId, s: claim.subscriptionIds })).toString("base64url");
  return `${payload}.${mac(payload)}`;
}

export function verifyUnsubscribe(token: string): UnsubscribeClaim | null {
  const [payload, signature, extra] = token.split(".");
  if (!payload || !signature || extra !== undefined || token.length > 4096) return null;
  const expected = Buffer.from(mac(payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const parsed = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { u?: unknown; s?: unknown };
    if (typeof parsed.u !== "string" || !Array.isArray(parsed.s) || !parsed.s.every((id) => typeof id === "string")) return null;
    return { userId: parsed.u, subscriptionIds: parsed.s as string[] };
  } catch {
    return null;
  }
}
