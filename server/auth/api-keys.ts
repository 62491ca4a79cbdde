import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { env } from "~/env.js";
import { db } from "~/db/index";
import { agencies, apiKeys, users } from "~/db/schema";
import type { ApiScope } from "~/schemas/api-key-enums";
import { VIEWER_COLUMNS, viewerOf, type Viewer } from "~/server/auth/sessions";
import { spendKeyBudget } from "~/server/http/request-budget";

// A key reads `tsk_<prefix>_<secret>`: the prefix (48 random bits, hex) finds the row and is shown
// in the admin's list; the secret (256 random bits, base64url) is shown once and kept only as its
// SHA-256. A secret that random needs no slow hash: nobody can guess their way to a preimage.
const KEY_FORMAT = /^tsk_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

const sha256 = (secret: string) => createHash("sha256").update(secret).digest();

/** A new key: what the holder is given once, and what the database keeps. */
export function mintApiKey(): { token: string; prefix: string; secretHash: string } {
  const prefix = randomBytes(6).toString("hex");
  const secret = randomBytes(32).toString("base64url");
  return { token: `tsk_${prefix}_${secret}`, prefix, secretHash: sha256(secret).toString("hex") };
}

export type ApiClient = { keyId: string; scopes: readonly ApiScope[]; viewer: Viewer };

/**
 * The client behind a bearer key, or null: malformed, unknown, wrong secret, revoked, expired, or
 * its service account or agency no longer active. Asked of the database on every request, so a
 * revocation takes effect at the next one. The viewer is the service account's, with the account's
 * role: a key reads exactly what its account would, and its scopes narrow which operations it may
 * call (server/api/rest/), never what those operations return.
 */
export async function authenticateApiKey(token: string, ip: string | null): Promise<ApiClient | null> {
  const parts = KEY_FORMAT.exec(token);
  if (!parts) return null;
  const [row] = await db
    .select({
      keyId: apiKeys.id,
      secretHash: apiKeys.secretHash,
      scopes: apiKeys.scopes,
      ...VIEWER_COLUMNS,
    })
    .from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.userId))
    .innerJoin(agencies, eq(agencies.id, users.agencyId))
    .where(
      and(
        eq(apiKeys.prefix, parts[1]!),
        isNull(apiKeys.revokedAt),
        gt(apiKeys.expiresAt, sql`now()`),
        eq(users.serviceAccount, true),
        eq(users.status, "active"),
        eq(agencies.active, true),
      ),
    );
  if (!row || !timingSafeEqual(sha256(parts[2]!), Buffer.from(row.secretHash, "hex"))) return null;
  // No session stands behind a key; the key's id stands in where a viewer names its session.
  const viewer = viewerOf(row, row.keyId, ip);
  return { keyId: row.keyId, scopes: row.scopes, viewer };
}

// A key gets the budget of one signed-in user: ten seconds' worth at once, as the app's users.
const KEY_BURST_SECONDS = 10;

/** Spends a request's units from the key's own budget in PostgreSQL, shared by every app instance. */
export function spendApiKeyBudget(client: ApiClient, cost: number) {
  return spendKeyBudget(db.$client, client.keyId, cost, { perSecond: env.REQUEST_BUDGET_PER_SECOND, burstSeconds: KEY_BURST_SECONDS });
}
