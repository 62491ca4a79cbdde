import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db/index";
import { entities, entityMentions } from "~/db/schema";
import type { EntityKind } from "~/schemas/entity-enums";
import { notificationsListener } from "~/server/services/notifications/listener";
import { callerFor, refusal } from "~/tests/callers";
import { mayRead } from "~/tests/visibility-model";
import { buildWorld, worldArb, type World, type WorldNotice } from "~/tests/visibility-world";

// Issue 19: correlations and entity pages, read from the world of the every-surface visibility
// test (every marking in every status, release lists, recipients, reports, merges), with random
// entities mentioned by random notices. For every reader and every notice, what the notice is
// shown to correlate with is exactly the readable notices that name the same entity or an alike
// one; an entity page lists exactly the readable notices naming it, and is the 404 of a missing
// id when there is none. A mention inside a notice the reader cannot read is never shown or counted.

const SEED = Number(process.env.VISIBILITY_SEED ?? Date.now() % 1_000_000);

type Reader = { caller: Awaited<ReturnType<typeof callerFor>>["caller"]; may: (n: WorldNotice) => boolean; role: string };
type Planted = { id: string; kind: EntityKind; key: string };

let world: World;
let all: WorldNotice[];
let readers: Reader[];

// Keys of their own each run; two company keys differ in one letter only, so that they are alike
// (pg_trgm) and correlate, while nothing else of the world is alike to either.
let runs = 0;
function plant(drawn: string): Planted[] {
  // A run's keys are its own even when fast-check draws the same string twice.
  const seed = `${drawn}${runs++}`;
  return [
    { id: randomUUID(), kind: "company", key: `${seed} ${seed}trading` },
    { id: randomUUID(), kind: "company", key: `${seed} ${seed}tradinq` },
    { id: randomUUID(), kind: "person", key: `${seed}ov ${seed}bek` },
    { id: randomUUID(), kind: "vehicle", key: `01${seed}777` },
    { id: randomUUID(), kind: "phone", key: `+7701${seed}` },
  ];
}
const ALIKE_PAIR = [0, 1];
// Each planted entity is a thing of its own in a notice (its own part), spelt by entity and place.
const partOf = (entity: number, place: number) => entity * 10 + place;
const valueOf = (e: Planted, place: number) => `${e.key} ${place}`;
const alike = (a: number, b: number) => a === b || (ALIKE_PAIR.includes(a) && ALIKE_PAIR.includes(b));

// Which notices name which planted entity (indexes into `all`).
const mentionsArb = (notices: number) => fc.array(fc.uniqueArray(fc.nat({ max: notices - 1 }), { maxLength: 8 }), { minLength: 5, maxLength: 5 });

async function replant(planted: Planted[], named: number[][]) {
  const ids = all.map((n) => n.id);
  await db.delete(entityMentions).where(inArray(entityMentions.noticeId, ids));
  await db.insert(entities).values(planted.map(({ id, kind, key }) => ({ id, kind, key })));
  const rows = planted.flatMap((e, i) =>
    named[i]!.map((n, p) => ({ noticeId: all[n]!.id, entityId: e.id, role: e.kind, part: partOf(i, p), value: valueOf(e, p) })),
  );
  if (rows.length) await db.insert(entityMentions).values(rows);
}

describe(`correlation and entity pages, from the visibility world (VISIBILITY_SEED=${SEED})`, () => {
  beforeAll(async () => {
    const [spec] = fc.sample(worldArb, { numRuns: 1, seed: SEED });
    world = await buildWorld(spec!);
    all = [world.hub, ...world.notices];
    readers = await Promise.all(
      world.users.map(async (user) => ({ caller: (await callerFor(user)).caller, may: (n: WorldNotice) => mayRead(user, n), role: user.role })),
    );
  }, 180_000);
  afterAll(() => notificationsListener().stop());

  it("every reader is shown, for every notice, exactly the readable notices naming the same or an alike entity", async () => {
    await fc.assert(
      fc.asyncProperty(mentionsArb(all.length), fc.stringMatching(/^[a-z]{9}$/), async (named, seed) => {
        const planted = plant(`zk${seed}`);
        await replant(planted, named);
        const namedBy = (n: number) => planted.flatMap((_, e) => (named[e]!.includes(n) ? [e] : []));
        await Promise.all(
          readers.map(async (r) => {
            for (const [n, notice] of all.entries()) {
              if (!r.may(notice)) {
                expect((await refusal(r.caller.entities.correlations({ id: notice.id }))).code).toBe("NOT_FOUND");
                continue;
              }
              const shown = await r.caller.entities.correlations({ id: notice.id });
              const expected = new Set(
                namedBy(n).flatMap((e) =>
                  planted.flatMap((_, o) => (alike(e, o) ? named[o]!.filter((m) => m !== n && r.may(all[m]!)).map((m) => all[m]!.id) : [])),
                ),
              );
              const got = new Set(shown.flatMap((p) => p.notices.map((x) => x.id)));
              expect([r.role, notice.tlp, notice.status, [...got].sort()]).toEqual([r.role, notice.tlp, notice.status, [...expected].sort()]);
              // Each part's count is its own entity's readable notices (and its alike one's), never more.
              for (const part of shown) {
                const e = planted.findIndex((p) => p.id === part.entityId);
                if (e < 0) continue;
                const own = new Set(planted.flatMap((_, o) => (alike(e, o) ? named[o]!.filter((m) => m !== n && r.may(all[m]!)).map((m) => all[m]!.id) : [])));
                expect(new Set(part.notices.map((x) => x.id))).toEqual(own);
              }
            }
          }),
        );
      }),
      { numRuns: 4 },
    );
  });

  it("an entity page lists exactly the readable notices naming it, and is a missing id's 404 when none is readable", async () => {
    await fc.assert(
      fc.asyncProperty(mentionsArb(all.length), fc.stringMatching(/^[a-z]{9}$/), async (named, seed) => {
        const planted = plant(`zp${seed}`);
        await replant(planted, named);
        await Promise.all(
          readers.map(async (r) => {
            const missing = await refusal(r.caller.entities.get({ kind: "company", id: randomUUID() }));
            for (const [e, entity] of planted.entries()) {
              const readable = named[e]!.filter((m) => r.may(all[m]!)).map((m) => all[m]!.id);
              if (!readable.length) {
                expect(await refusal(r.caller.entities.get({ kind: entity.kind, id: entity.id }))).toEqual(missing);
                continue;
              }
              const page = await r.caller.entities.get({ kind: entity.kind, id: entity.id });
              expect(new Set(page.timeline.map((s) => s.notice.id))).toEqual(new Set(readable));
              const shownAlike = page.alike.flatMap((a) => a.notices.map((x) => x.id));
              const alikeReadable = planted.flatMap((_, o) => (o !== e && alike(e, o) ? named[o]!.filter((m) => r.may(all[m]!)).map((m) => all[m]!.id) : []));
              expect(new Set(shownAlike)).toEqual(new Set(alikeReadable));
              // What is named with it: the other entities' spellings in those readable notices, nothing else.
              const related = planted.flatMap((o, k) => (k === e ? [] : named[k]!.flatMap((m, p) => (readable.includes(all[m]!.id) ? [valueOf(o, p)] : []))));
              expect(new Set(page.related.flatMap((x) => x.values))).toEqual(new Set(related));
              // The link graph is drawn from these: every notice it links is a readable one naming the entity.
              expect(page.related.flatMap((x) => x.noticeIds).filter((id) => !readable.includes(id))).toEqual([]);
            }
          }),
        );
      }),
      { numRuns: 3 },
    );
  });
});
