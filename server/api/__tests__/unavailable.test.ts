import { randomUUID } from "node:crypto";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { GET } from "~/app/api/trpc/[trpc]/route";
import { db, useDatabaseUrl } from "~/db/index";
import { env } from "~/env.js";
import { freePort } from "~/scripts/lib/free-port";
import { toTRPCError } from "~/server/api/errors";
import { SESSION_COOKIE } from "~/server/auth/cookie-names";
import { can, PERMISSIONS, type Permission } from "~/server/auth/permissions";
import type { Viewer } from "~/server/auth/sessions";
import { createCaller } from "~/server/api/root";
import { refusal } from "~/tests/callers";
import { healthResponse } from "~/server/services/health";

// This file's process talks to a port where no PostgreSQL listens: the database is down.
useDatabaseUrl(`postgres://postgres@127.0.0.1:${await freePort()}/down`);

describe("the database out of reach", () => {
  it("makes /api/health answer 503, to anyone and to the monitor", async () => {
    const token = "monitor-token-monitor-token-monitor-token";
    for (const headers of [{}, { authorization: `Bearer ${token}` }] as Record<string, string>[]) {
      const response = await healthResponse(new Request("http://localhost:3000/api/health", { headers }), token);
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ status: "unavailable" });
    }
  });

  it("is a 503 (SERVICE_UNAVAILABLE), not a 500, for the error postgres.js and drizzle actually throw", async () => {
    const error = await db.execute("SELECT 1").then(
      () => null,
      (e: unknown) => e,
    );
    const mapped = toTRPCError(error);
    expect(mapped.code).toBe("SERVICE_UNAVAILABLE");
    expect(getHTTPStatusCodeFromError(mapped)).toBe(503);
  });

  it("answers 503 when a procedure's query fails", async () => {
    const viewer: Viewer = {
      userId: randomUUID(),
      sessionId: randomUUID(),
      email: "analyst@example.org",
      name: "Analyst",
      role: "analyst",
      agencyId: "kz-sgd-customs",
      agencyName: { en: "Customs", ru: "Таможня", zh: null },
      agencyCountryCode: "KZ",
      dutyStationId: null,
      locale: "en",
      timeZone: "Asia/Almaty",
      permissions: new Set((Object.keys(PERMISSIONS) as Permission[]).filter((p) => can("analyst", p))),
    };
    const caller = createCaller({ viewer, ip: "127.0.0.1", requestId: randomUUID() });
    expect((await refusal(caller.notices.feed({}))).code).toBe("SERVICE_UNAVAILABLE");
  });

  it("answers 503 over HTTP when the session lookup itself fails", async () => {
    const cookie = `${SESSION_COOKIE}=${await encode({ token: { sid: randomUUID() }, secret: env.AUTH_SECRET! })}`;
    const response = await GET(new Request("http://localhost:3000/api/trpc/viewer.me", { headers: { host: "localhost:3000", cookie } }));
    expect(response.status).toBe(503);
    const body = (await response.json()) as { error: { json: { message: string; data: { code: string } } } };
    expect(body.error.json.data.code).toBe("SERVICE_UNAVAILABLE");
    expect(body.error.json.message).toBe("unavailable");
  });
});
