import { describe, expect, it } from "vitest";
import { db } from "~/db/index";
import { createUser } from "~/db/seed/factories";
import { ZFeedInput } from "~/schemas/notices";
import { createSession, loadViewer } from "~/server/auth/sessions";
import { listFeed } from "~/server/services/notices/feed";

// What postgres.js 3.4.9 throws from a timer when the database cut a connection inside a
// transaction; db/index.ts replaces the pool on it (see replaceBrokenPool).
const brokenConnection = () => new TypeError("Cannot read properties of null (reading 'write')");

describe("a replaced connection pool", () => {
  it("still serves sessions and the feed: statements prepared on the old pool are prepared again", async () => {
    const user = await createUser(db, { agencyId: "kz-sgd-customs", role: "analyst" });
    const sessionId = await createSession({ userId: user.id, sessionVersion: user.sessionVersion, ip: null, userAgent: null });
    const viewer = (await loadViewer(sessionId))!;
    expect(viewer).toMatchObject({ userId: user.id });
    const input = ZFeedInput.parse({});
    await listFeed({ viewer, input });

    const before = db.$client;
    (process.emit as (event: string, ...args: unknown[]) => boolean)("uncaughtExceptionMonitor", brokenConnection(), "uncaughtException");
    expect(db.$client).not.toBe(before);

    expect(await loadViewer(sessionId)).toMatchObject({ userId: user.id });
    expect((await listFeed({ viewer, input })).items).toEqual(expect.any(Array));
  });
});
