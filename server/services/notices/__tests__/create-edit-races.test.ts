import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "~/db/index";
import { noticeVersions } from "~/db/schema";
import { refusal } from "~/tests/callers";
import { createThrough } from "~/tests/notices";
import { build, countByAuthor, createWithKey, TITLE, user } from "./write-read-fixtures";

// A submission sent twice or at once makes one notice; of two edits from one version, one lands.

describe("idempotent create", () => {
  it("makes one notice for a submission sent twice", async () => {
    const author = await user("kg-mvd-sbnon");
    const idempotencyKey = randomUUID();
    const first = await createWithKey(author, build.seizure(), idempotencyKey);
    const second = await createWithKey(author, build.seizure(), idempotencyKey);
    expect(second).toEqual({ id: first.id, status: "published", created: false });
    expect(await countByAuthor(author)).toBe(1);
  });

  it("refuses the same key with other content (409), instead of answering with the first notice", async () => {
    const author = await user("kg-mvd-sbnon");
    const idempotencyKey = randomUUID();
    const first = await createWithKey(author, build.seizure(), idempotencyKey);
    expect(await refusal(createWithKey(author, build.seizure({ title: "A retry with other text" }), idempotencyKey))).toEqual({
      code: "CONFLICT",
      key: "idempotencyKeyReused",
      fields: {},
    });
    expect(await refusal(author.notices.create({ idempotencyKey, asDraft: true, notice: build.seizure() }))).toMatchObject({ code: "CONFLICT" });
    expect(await countByAuthor(author)).toBe(1);
    expect((await author.notices.get({ id: first.id })).notice.title).toBe(TITLE);
    // The same content again is still the same submission; the other text goes out under a new key.
    expect(await createWithKey(author, build.seizure(), idempotencyKey)).toEqual({ id: first.id, status: "published", created: false });
    expect(await createWithKey(author, build.seizure({ title: "A retry with other text" }), randomUUID())).toMatchObject({ created: true });
  });

  it("makes one notice for two concurrent submissions with the same key", async () => {
    const author = await user("kg-mvd-sbnon");
    const idempotencyKey = randomUUID();
    const results = await Promise.all([
      createWithKey(author, build.company_alert(), idempotencyKey),
      createWithKey(author, build.company_alert(), idempotencyKey),
    ]);
    expect(results[0].id).toBe(results[1].id);
    expect(results.map((r) => r.created).sort()).toEqual([false, true]);
    expect(await countByAuthor(author)).toBe(1);
  });

  it("keeps keys per author: another user's same key is another notice", async () => {
    const idempotencyKey = randomUUID();
    const a = await createWithKey(await user("kg-mvd-sbnon"), build.seizure(), idempotencyKey);
    const b = await createWithKey(await user("kg-mvd-sbnon"), build.seizure(), idempotencyKey);
    expect(a.id).not.toBe(b.id);
  });
});

describe("concurrent edits", () => {
  it("refuses the second edit made from the same version and keeps the first", async () => {
    const author = await user("kg-mvd-sbnon");
    const colleague = await user("kg-mvd-sbnon");
    const { id } = await createThrough(author, build.seizure());
    await author.notices.update({ id, version: 1, notice: build.seizure({ title: "First editor's title" }) });
    expect(await refusal(colleague.notices.update({ id, version: 1, notice: build.seizure({ title: "Second editor's title" }) }))).toMatchObject({
      code: "CONFLICT",
      key: "versionConflict",
    });
    expect((await author.notices.get({ id })).notice).toMatchObject({ title: "First editor's title", version: 2 });
    expect(await db.$count(noticeVersions, eq(noticeVersions.noticeId, id))).toBe(1);

    // Racing for the row: exactly one of two simultaneous edits lands.
    const outcomes = await Promise.allSettled([
      author.notices.update({ id, version: 2, notice: build.seizure({ title: "Racer A" }) }),
      colleague.notices.update({ id, version: 2, notice: build.seizure({ title: "Racer B" }) }),
    ]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(outcomes.find((o) => o.status === "rejected")).toMatchObject({ reason: { code: "CONFLICT" } });
    expect((await author.notices.get({ id })).notice.version).toBe(3);
  });

  it("refuses to turn a notice into another kind", async () => {
    const author = await user("kg-mvd-sbnon");
    const { id } = await createThrough(author, build.seizure());
    expect(await refusal(author.notices.update({ id, version: 1, notice: build.company_alert() }))).toMatchObject({
      code: "BAD_REQUEST",
      fields: { "notice.kind": { key: "kindChange" } },
    });
  });
});
