import { describe, expect, it } from "vitest";
import { refusal } from "~/tests/callers";
import { all, byId, eachReader, leaks, linkedTo, missingId, outcome, readers, SEED, useGeneratedWorld, world } from "~/tests/visibility-readers";

// A notice's own pages, from one generated world (tests/visibility-readers.ts): its detail, its
// links, history, versions and read log, where a merged one leads, and the reader's watches.
useGeneratedWorld();

describe(`visibility of a notice's pages, from one generated world (VISIBILITY_SEED=${SEED})`, () => {
  it("detail: readable exactly as the rules say; otherwise the same refusal as a notice that does not exist", async () => {
    await eachReader(async (r) => {
      const missing = await refusal(r.caller.notices.get({ id: missingId }));
      for (const n of all) {
        if (r.may(n)) {
          const shown = await r.caller.notices.get({ id: n.id });
          expect(leaks(r, shown)).toEqual([]);
        } else {
          expect([r.user.role, n.tlp, n.status, await refusal(r.caller.notices.get({ id: n.id }))]).toEqual([r.user.role, n.tlp, n.status, missing]);
        }
      }
    });
  });

  it("links both ways, history and versions, read log: only what the reader may read", async () => {
    await eachReader(async (r) => {
      for (const n of all) {
        if (!r.may(n)) {
          expect(await outcome(r.caller.notices.version({ id: n.id, version: 1 }))).toBe("NOT_FOUND");
          if (r.viewer.permissions.has("notice.read_log")) expect(await outcome(r.caller.notices.readLog({ id: n.id }))).toBe("NOT_FOUND");
          continue;
        }
        const { links, versions } = await r.caller.notices.get({ id: n.id });
        expect(new Set(links.map((l) => l.id))).toEqual(new Set(linkedTo(n.id).filter((other) => r.may(byId(other)))));
        for (const { version } of versions) {
          const old = await r.caller.notices.version({ id: n.id, version }).catch(() => null);
          expect(leaks(r, old)).toEqual([]);
        }
        if (r.viewer.permissions.has("notice.read_log")) expect(leaks(r, await r.caller.notices.readLog({ id: n.id }).catch(() => null))).toEqual([]);
      }
    });
  });

  it("merge redirect: a merged notice's address leads on only for a reader who could read it", async () => {
    expect(world.merges.length).toBeGreaterThan(0);
    for (const r of readers) {
      const missing = await outcome(r.caller.moderation.redirect({ id: missingId }).then((x) => x.id));
      for (const { duplicateId, survivorId } of world.merges) {
        const duplicate = byId(duplicateId);
        const answer = await r.caller.moderation.redirect({ id: duplicateId }).then(
          (x) => x.id,
          (e: { code?: string }) => e.code,
        );
        if (!r.knew(duplicate)) expect([duplicate.tlp, r.user.role, answer]).toEqual([duplicate.tlp, r.user.role, missing === "read" ? null : missing]);
        else if (answer) expect(answer === survivorId && r.may(byId(survivorId))).toBe(true);
      }
    }
  });

  it("watches: a reader's list of followed notices names only what they may read", async () => {
    for (const r of readers) expect(leaks(r, await r.caller.subscriptions.list(), { ids: false })).toEqual([]);
  });
});
