import { describe, expect, it } from "vitest";
import { refusal } from "~/tests/callers";
import { all, eachReader, leaks, missingId, pages, readers, SEED, useGeneratedWorld } from "~/tests/visibility-readers";

// What moderators, auditors and admins are shown, from one generated world
// (tests/visibility-readers.ts): moderation, the audit views and the admin mailbox.
useGeneratedWorld();

describe(`visibility in moderation, audit and the admin mailbox, from one generated world (VISIBILITY_SEED=${SEED})`, () => {
  it("moderation: queue, review, quality signals, log, pins and credits", async () => {
    await eachReader(async (r) => {
      if (r.viewer.permissions.has("moderation.review")) {
        expect(leaks(r, await r.caller.moderation.queue())).toEqual([]);
        expect(leaks(r, await r.caller.moderation.quality())).toEqual([]);
        const missing = await refusal(r.caller.moderation.review({ id: missingId }));
        for (const n of all) {
          if (r.may(n)) expect(leaks(r, await r.caller.moderation.review({ id: n.id }))).toEqual([]);
          else expect(await refusal(r.caller.moderation.review({ id: n.id }))).toEqual(missing);
        }
      }
      if (r.viewer.permissions.has("moderation.log")) {
        const log = await pages((cursor) => r.caller.moderation.log({ cursor, limit: 100 }));
        expect(leaks(r, log)).toEqual([]);
        for (const n of r.hidden) expect(await r.caller.moderation.log({ noticeId: n.id })).toEqual({ items: [], nextCursor: null });
      }
      expect(leaks(r, await r.caller.moderation.pinned())).toEqual([]);
      for (const n of all) expect(leaks(r, await r.caller.moderation.credits({ id: n.id }))).toEqual([]);
    });
  });

  it("audit views: the trail and the agency's reads show nothing of a notice the viewer may not read", async () => {
    for (const r of readers) {
      if (r.viewer.permissions.has("audit.search")) expect(leaks(r, await pages((cursor) => r.caller.audit.search({ cursor, limit: 200 })))).toEqual([]);
      if (r.viewer.permissions.has("notice.read_log"))
        expect(leaks(r, await pages((cursor) => r.caller.audit.agencyReads({ cursor, limit: 200 })))).toEqual([]);
    }
  });

  it("admin mailbox: the stored mail of others shows nothing of a notice the admin may not read", async () => {
    for (const r of readers.filter((x) => x.viewer.permissions.has("mail.admin"))) {
      const list = await pages(async (before) => {
        const page = await r.caller.mail.mailbox({ before: before === undefined ? undefined : Number(before) });
        return { items: page.messages, nextCursor: page.next };
      });
      expect(list.length).toBeGreaterThan(0);
      expect(leaks(r, list)).toEqual([]);
      for (const { id } of list) expect(leaks(r, await r.caller.mail.message({ id }))).toEqual([]);
    }
  });
});
