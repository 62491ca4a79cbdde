import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db/index";
import { apiKeys, auditLog, users } from "~/db/schema";
import { createUser } from "~/db/seed/factories";
import { createSession, loadViewer } from "~/server/auth/sessions";
import { spendKeyBudget } from "~/server/http/request-budget";
import { callApi, issueKey } from "~/tests/api";
import { callerFor, refusal } from "~/tests/callers";
import { createThrough, seizureInput } from "~/tests/notices";

const KZ = "kz-sgd-customs";
const KG = "kg-customs";

type Caller = Awaited<ReturnType<typeof callerFor>>["caller"];
let kzAdmin: Caller;
let kgAdmin: Caller;
let kzAnalyst: Caller;

beforeAll(async () => {
  kzAdmin = (await callerFor(await createUser(db, { agencyId: KZ, role: "agency_admin" }))).caller;
  kgAdmin = (await callerFor(await createUser(db, { agencyId: KG, role: "agency_admin" }))).caller;
  kzAnalyst = (await callerFor(await createUser(db, { agencyId: KZ, role: "analyst" }))).caller;
});

const usesOf = (keyId: string) => db.$count(auditLog, and(eq(auditLog.action, "api.request"), eq(auditLog.targetId, keyId)));

describe("API keys", () => {
  it("are shown once and stored as a hash, for a service account of the admin's agency that cannot sign in", async () => {
    const issued = await issueKey(kzAdmin, ["notices:read"]);
    expect(issued.token).toMatch(/^tsk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    const [row] = await db.select().from(apiKeys).where(eq(apiKeys.id, issued.keyId));
    expect(row!.secretHash).not.toContain(issued.token.split("_").at(-1));
    expect(JSON.stringify(await kzAdmin.apiKeys.list())).not.toContain(issued.token);
    const [account] = await db.select().from(users).where(eq(users.id, issued.accountId));
    expect(account).toMatchObject({ agencyId: KZ, serviceAccount: true, passwordHash: null, status: "active" });
    // No session of a service account is ever honoured, whoever opened it.
    const sessionId = await createSession({ userId: account!.id, sessionVersion: account!.sessionVersion, ip: null, userAgent: null, mfaVerified: true });
    expect(await loadViewer(sessionId)).toBeNull();
    const entries = await db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(sql`${auditLog.targetId} IN (${issued.keyId}, ${issued.accountId})`);
    expect(entries.map((e) => e.action).sort()).toEqual(["api_key.issue", "user.service_account_create"]);
  });

  it("are managed by agency admins only, within their own agency", async () => {
    expect((await refusal(kzAnalyst.apiKeys.create({ accountName: "x", scopes: ["notices:read"], expiresInDays: 1 }))).code).toBe("FORBIDDEN");
    const issued = await issueKey(kzAdmin, ["notices:read"]);
    expect((await kgAdmin.apiKeys.list()).map((k) => k.id)).not.toContain(issued.keyId);
    expect((await refusal(kgAdmin.apiKeys.revoke({ keyId: issued.keyId }))).code).toBe("NOT_FOUND");
    const other = await refusal(kgAdmin.apiKeys.create({ accountId: issued.accountId, scopes: ["notices:read"], expiresInDays: 1 }));
    expect(other.fields).toEqual({ accountId: { key: "unknownServiceAccount" } });
    expect((await callApi("listNotices", { token: issued.token })).status).toBe(200);
  });

  it("refuse a missing, malformed or wrong key with 401 and a Bearer challenge", async () => {
    const issued = await issueKey(kzAdmin, ["notices:read"]);
    const wrongSecret = `${issued.token.slice(0, -4)}AAAA` === issued.token ? `${issued.token.slice(0, -4)}BBBB` : `${issued.token.slice(0, -4)}AAAA`;
    for (const token of [null, "nonsense", wrongSecret]) {
      const answer = await callApi("listNotices", { token });
      expect(answer.status).toBe(401);
      expect(answer.headers.get("www-authenticate")).toMatch(/^Bearer realm="tianshan"/);
      expect(answer.headers.get("content-type")).toBe("application/problem+json");
      expect(answer.body).toMatchObject({ status: 401, code: "unauthorized" });
    }
    expect(await usesOf(issued.keyId)).toBe(0);
  });

  it("open only the operations of their scopes", async () => {
    const reader = await issueKey(kzAdmin, ["notices:read"]);
    const refusedCreate = await callApi("createNotice", {
      token: reader.token,
      headers: { "idempotency-key": randomUUID() },
      body: { notice: seizureInput() },
    });
    expect(refusedCreate).toMatchObject({ status: 403, body: { code: "forbidden", key: "scopeMissing" } });
    expect((await callApi("listCrossings", { token: reader.token })).status).toBe(403);
    const referenceOnly = await issueKey(kzAdmin, ["reference:read"]);
    expect((await callApi("listCrossings", { token: referenceOnly.token })).status).toBe(200);
    expect((await callApi("getSubstance", { token: referenceOnly.token, params: { id: "acetic-anhydride" } })).status).toBe(200);
    expect((await callApi("listNotices", { token: referenceOnly.token })).status).toBe(403);
    // Refusals by scope are uses too: each request is audited once.
    expect(await usesOf(reader.keyId)).toBe(2);
  });
});

describe("API keys over time: expiry, revocation, rate limits", () => {
  it("stop working when they expire, and at the next request after revocation; last use is recorded", async () => {
    const issued = await issueKey(kzAdmin, ["notices:read"]);
    expect((await callApi("listNotices", { token: issued.token })).status).toBe(200);
    const [used] = await kzAdmin.apiKeys.list().then((keys) => keys.filter((k) => k.id === issued.keyId));
    expect(used!.lastUsedAt).not.toBeNull();
    await kzAdmin.apiKeys.revoke({ keyId: issued.keyId });
    expect((await callApi("listNotices", { token: issued.token })).status).toBe(401);

    const expiring = await issueKey(kzAdmin, ["notices:read"]);
    expect((await callApi("listNotices", { token: expiring.token })).status).toBe(200);
    await db
      .update(apiKeys)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(eq(apiKeys.id, expiring.keyId));
    expect((await callApi("listNotices", { token: expiring.token })).status).toBe(401);

    // Disabling the service account in the users page stops its keys too.
    const disabled = await issueKey(kzAdmin, ["notices:read"]);
    await kzAdmin.users.disable({ userId: disabled.accountId });
    expect((await callApi("listNotices", { token: disabled.token })).status).toBe(401);
    expect(
      (
        await db
          .select()
          .from(auditLog)
          .where(and(eq(auditLog.action, "api_key.revoke"), eq(auditLog.targetId, issued.keyId)))
      ).length,
    ).toBe(1);
  });

  it("are rate limited per key through PostgreSQL: 429 with Retry-After, not audited", async () => {
    const issued = await issueKey(kzAdmin, ["notices:read"]);
    const other = await issueKey(kzAdmin, ["notices:read"]);
    // Spend the key's whole burst and then some, as a flood would.
    await spendKeyBudget(db.$client, issued.keyId, 10_000, { perSecond: 20, burstSeconds: 10 });
    const answer = await callApi("listNotices", { token: issued.token });
    expect(answer).toMatchObject({ status: 429, body: { code: "rate_limited" } });
    expect(Number(answer.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(answer.headers.get("cache-control")).toBe("no-store");
    expect(await usesOf(issued.keyId)).toBe(0);
    expect((await callApi("listNotices", { token: other.token })).status).toBe(200);
  });
});

describe("/api/v1 notices", () => {
  it("lists, reads and searches what the key's account may read, no-store, and answers a hidden notice like a missing one", async () => {
    const visible = await createThrough(kzAnalyst, seizureInput({ title: "Visible acetic anhydride" }));
    // AMBER+STRICT released to Kyrgyzstan's customs only: hidden from a Kazakh service account.
    const kgAnalyst = (await callerFor(await createUser(db, { agencyId: KG, role: "analyst" }))).caller;
    const hidden = await createThrough(kgAnalyst, seizureInput({ title: "Hidden anhydride", tlp: "amber_strict", releaseAgencyIds: ["kg-customs"] }));
    const { token } = await issueKey(kzAdmin, ["notices:read"]);

    const list = await callApi("listNotices", { token, query: { kind: "seizure", limit: "100" } });
    expect(list.status).toBe(200);
    expect(list.headers.get("cache-control")).toBe("no-store");
    const ids = (list.body!.items as { id: string }[]).map((i) => i.id);
    expect(ids).toContain(visible.id);
    expect(ids).not.toContain(hidden.id);

    const read = await callApi("getNotice", { token, params: { id: visible.id } });
    expect(read).toMatchObject({ status: 200, body: { notice: { id: visible.id, kind: "seizure" } } });

    const hiddenAnswer = await callApi("getNotice", { token, params: { id: hidden.id } });
    const missingAnswer = await callApi("getNotice", { token, params: { id: randomUUID() } });
    const { requestId: _a, ...hiddenBody } = hiddenAnswer.body!;
    const { requestId: _b, ...missingBody } = missingAnswer.body!;
    expect(hiddenAnswer.status).toBe(404);
    expect(missingAnswer.status).toBe(404);
    expect(hiddenBody).toEqual(missingBody);

    const found = await callApi("searchNotices", { token, query: { q: "anhydride" } });
    const foundIds = (found.body!.items as { id: string }[]).map((i) => i.id);
    expect(foundIds).toContain(visible.id);
    expect(foundIds).not.toContain(hidden.id);
  });

  it("pages with the feed's keyset cursor", async () => {
    for (let i = 0; i < 3; i++) await createThrough(kzAnalyst, seizureInput({ title: `Paged ${i}` }));
    const { token } = await issueKey(kzAdmin, ["notices:read"]);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await callApi("listNotices", { token, query: { limit: "2", ...(cursor ? { cursor } : {}) } });
      expect(page.status).toBe(200);
      seen.push(...(page.body!.items as { id: string }[]).map((i) => i.id));
      cursor = (page.body!.nextCursor as string | null) ?? undefined;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe((await kzAnalyst.notices.feed({ filters: {}, limit: 100 })).items.length);
  });

  it("refuses bad input with a 400 problem naming the field, never a 5xx", async () => {
    const { token } = await issueKey(kzAdmin, ["notices:read", "notices:write"]);
    const bad: Record<string, string>[] = [
      { limit: "abc" },
      { limit: "1e400" },
      { kind: "bogus" },
      { unknown: "1" },
      { from: "99999-01-01" },
      { cursor: "\u0000" },
    ];
    for (const query of bad) {
      const answer = await callApi("listNotices", { token, query });
      expect(answer.status, JSON.stringify(query)).toBe(400);
      expect(answer.body).toMatchObject({ code: "invalid_input" });
    }
    expect((await callApi("getNotice", { token, params: { id: "not-a-uuid" } })).status).toBe(400);
    expect((await callApi("createNotice", { token, headers: { "idempotency-key": "nope" }, body: { notice: seizureInput() } })).body).toMatchObject({
      code: "invalid_input",
      errors: { "idempotency-key": expect.anything() },
    });
    const badNotice = await callApi("createNotice", { token, headers: { "idempotency-key": randomUUID() }, body: { notice: seizureInput({ title: "x" }) } });
    expect(badNotice).toMatchObject({ status: 400, body: { errors: { "notice.title": expect.anything() } } });
  });
});

describe("/api/v1 notice writes", () => {
  it("creates a notice once per idempotency key, and refuses the key with another body (409)", async () => {
    const { token, accountId } = await issueKey(kzAdmin, ["notices:write", "notices:read"]);
    const key = randomUUID();
    const body = { notice: seizureInput({ title: "From the case system" }) };
    const first = await callApi("createNotice", { token, headers: { "idempotency-key": key }, body });
    expect(first).toMatchObject({ status: 201, body: { status: "published", created: true } });
    const again = await callApi("createNotice", { token, headers: { "idempotency-key": key }, body });
    expect(again).toMatchObject({ status: 201, body: { id: first.body!.id, created: false } });
    const other = await callApi("createNotice", { token, headers: { "idempotency-key": key }, body: { notice: seizureInput({ title: "Something else" }) } });
    expect(other).toMatchObject({ status: 409, body: { code: "conflict", key: "idempotencyKeyReused" } });
    const [notice] = await callApi("getNotice", { token, params: { id: first.body!.id as string } }).then((r) => [
      r.body!.notice as { author: { id: string } },
    ]);
    expect(notice!.author.id).toBe(accountId);
  });

  it("edits a notice of the account's agency against its version: a stale version is 409, another agency's 403 as in the app", async () => {
    const { token } = await issueKey(kzAdmin, ["notices:write", "notices:read"]);
    const created = await callApi("createNotice", {
      token,
      headers: { "idempotency-key": randomUUID() },
      body: { notice: seizureInput({ title: "First wording" }) },
    });
    const id = created.body!.id as string;
    const edited = await callApi("updateNotice", { token, params: { id }, body: { version: 1, notice: seizureInput({ title: "Second wording" }) } });
    expect(edited).toMatchObject({ status: 200, body: { id, version: 2, changedFields: ["title"] } });
    const stale = await callApi("updateNotice", { token, params: { id }, body: { version: 1, notice: seizureInput({ title: "Third wording" }) } });
    expect(stale).toMatchObject({ status: 409, body: { code: "conflict", key: "versionConflict" } });
    expect((await callApi("getNotice", { token, params: { id } })).body).toMatchObject({ notice: { title: "Second wording", version: 2 } });

    const kg = await issueKey(kgAdmin, ["notices:write", "notices:read"]);
    const foreign = await callApi("updateNotice", { token: kg.token, params: { id }, body: { version: 2, notice: seizureInput({ title: "Not theirs" }) } });
    // The notice is CLEAR: the other agency reads it, so refusing the edit reveals nothing.
    expect(foreign).toMatchObject({ status: 403, body: { code: "forbidden" } });
  });
});
