import { randomBytes } from "node:crypto";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { db, type Tx } from "~/db/index";
import { apiKeys, users } from "~/db/schema";
import type { ApiKeyCreate } from "~/schemas/api-keys";
import { mintApiKey, type ApiClient } from "~/server/auth/api-keys";
import type { Viewer } from "~/server/auth/sessions";
import { audit } from "~/server/services/audit";
import { notFound, ServiceError } from "~/server/services/errors";

// Service accounts and their API keys, managed by the admins of the account's agency. Every read
// and write is scoped in SQL to the viewer's own agency, platform admins included: a key acts for
// one agency, and only that agency's admins answer for it.

// A service account reads like an analyst of its agency: the least powerful role that may read
// and create notices. Its keys' scopes narrow that further, operation by operation.
const SERVICE_ACCOUNT_ROLE = "analyst" as const;

/** The agency's service accounts, for the form's choice of an existing one. */
export async function listServiceAccounts({ viewer }: { viewer: Viewer }) {
  return db
    .select({ id: users.id, name: users.name, status: users.status })
    .from(users)
    .where(and(eq(users.agencyId, viewer.agencyId), eq(users.serviceAccount, true)))
    .orderBy(users.name);
}

/** The agency's keys, newest first: never the secret, which no one can read back. */
export async function listApiKeys({ viewer }: { viewer: Viewer }) {
  return db
    .select({
      id: apiKeys.id,
      prefix: apiKeys.prefix,
      account: { id: users.id, name: users.name, status: users.status },
      scopes: apiKeys.scopes,
      createdAt: apiKeys.createdAt,
      expiresAt: apiKeys.expiresAt,
      lastUsedAt: apiKeys.lastUsedAt,
      revokedAt: apiKeys.revokedAt,
      expired: sql<boolean>`${apiKeys.expiresAt} <= now()`,
    })
    .from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.userId))
    .where(eq(apiKeys.agencyId, viewer.agencyId))
    .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id));
}

/** An existing service account of the viewer's agency, or a new one (active, without a password). */
async function serviceAccountFor(tx: Tx, viewer: Viewer, input: ApiKeyCreate): Promise<{ id: string; name: string; created: boolean }> {
  if (input.accountId) {
    const [account] = await tx
      .select({ id: users.id, name: users.name })
      .from(users)
      .where(and(eq(users.id, input.accountId), eq(users.agencyId, viewer.agencyId), eq(users.serviceAccount, true), eq(users.status, "active")));
    if (!account) throw new ServiceError("INVALID", "unknownServiceAccount", "accountId");
    return { ...account, created: false };
  }
  // The address is never written to: it only fills the unique, required email of a user row.
  const email = `service-${randomBytes(8).toString("hex")}@${viewer.agencyId.toLowerCase()}.service-account.invalid`;
  const [account] = await tx
    .insert(users)
    .values({
      email,
      name: input.accountName,
      agencyId: viewer.agencyId,
      role: SERVICE_ACCOUNT_ROLE,
      status: "active",
      serviceAccount: true,
      passwordHash: null,
      locale: viewer.locale,
      timeZone: viewer.timeZone,
    })
    .returning({ id: users.id });
  return { id: account!.id, name: input.accountName, created: true };
}

/** Issues a key (creating its service account when asked): the token is in this answer and nowhere else. */
export async function createApiKey({ viewer, input }: { viewer: Viewer; input: ApiKeyCreate }) {
  return db.transaction(async (tx) => {
    const account = await serviceAccountFor(tx, viewer, input);
    const { token, prefix, secretHash } = mintApiKey();
    const [key] = await tx
      .insert(apiKeys)
      .values({
        prefix,
        secretHash,
        userId: account.id,
        agencyId: viewer.agencyId,
        scopes: [...new Set(input.scopes)],
        expiresAt: sql`now() + make_interval(days => ${input.expiresInDays})`,
        createdById: viewer.userId,
      })
      .returning({ id: apiKeys.id, expiresAt: apiKeys.expiresAt });
    if (account.created) {
      await audit(tx, { action: "user.service_account_create", actor: viewer, target: { type: "user", id: account.id }, details: { name: input.accountName } });
    }
    await audit(tx, {
      action: "api_key.issue",
      actor: viewer,
      target: { type: "api_key", id: key!.id },
      details: { prefix, accountId: account.id, scopes: input.scopes, expiresAt: key!.expiresAt.toISOString() },
    });
    return { keyId: key!.id, accountId: account.id, accountName: account.name, token, prefix, expiresAt: key!.expiresAt };
  });
}

/** Revokes a key of the viewer's agency; the next request made with it is refused. Revoking twice changes nothing. */
export async function revokeApiKey({ viewer, input }: { viewer: Viewer; input: { keyId: string } }): Promise<void> {
  await db.transaction(async (tx) => {
    const [key] = await tx
      .select({ id: apiKeys.id, prefix: apiKeys.prefix, revokedAt: apiKeys.revokedAt })
      .from(apiKeys)
      .where(and(eq(apiKeys.id, input.keyId), eq(apiKeys.agencyId, viewer.agencyId)))
      .for("update");
    if (!key) throw notFound();
    if (key.revokedAt) return;
    await tx
      .update(apiKeys)
      .set({ revokedAt: sql`now()`, revokedById: viewer.userId })
      .where(and(eq(apiKeys.id, key.id), isNull(apiKeys.revokedAt)));
    await audit(tx, { action: "api_key.revoke", actor: viewer, target: { type: "api_key", id: key.id }, details: { prefix: key.prefix } });
  });
}

/**
 * One request made with a key: its last-used time and one audit entry, which names the operation
 * and the answer's status only (never a notice id: an audit reader must not learn of a notice
 * through the API's log). One small transaction per request, after the answer is decided.
 */
export async function recordApiKeyUse(client: ApiClient, use: { operation: string; status: number }): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .update(apiKeys)
      .set({ lastUsedAt: sql`now()` })
      .where(eq(apiKeys.id, client.keyId));
    await audit(tx, { action: "api.request", actor: client.viewer, target: { type: "api_key", id: client.keyId }, details: use });
  });
}
