import { eq, inArray, sql } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { dialect } from "~/db/dialect";
import { db } from "~/db/index";
import { notices, searchWords, users } from "~/db/schema";
import { createAgency, createUser } from "~/db/seed/factories";
import { NOTICE_STATUSES, TLP_LEVELS } from "~/schemas/notice-enums";
import type { Role } from "~/server/auth/roles";
import { prepareSearch } from "~/server/services/notices/search";
import { visibleTo } from "~/server/services/visibility";
import { callerFor } from "~/tests/callers";
import { companyInput, createThrough } from "~/tests/notices";

type Session = Awaited<ReturnType<typeof callerFor>>;

const member = async (agencyId: string, role: Role = "analyst"): Promise<Session> => callerFor(await createUser(db, { agencyId, role }));

/** A word of its own for each test: no other notice of the file shares its trigrams. */
const stem = () => Array.from({ length: 7 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join("");

/** Which of `words` the spelling vocabulary holds. */
async function known(words: string[]): Promise<string[]> {
  const rows = await db.select({ word: searchWords.word }).from(searchWords).where(inArray(searchWords.word, words));
  return rows.map((row) => row.word).sort();
}

const ids = async (reader: Session, q: string) => (await reader.caller.notices.search({ q })).items.map((item) => item.id);

/**
 * What the search makes of `q` before it reads a notice: the full-text query (each word with the
 * spellings the vocabulary offers) and the plan. Everything the vocabulary and the word statistics
 * decide shows here; two words treated alike give the same text once one is put for the other.
 */
async function decision(q: string, [word, as]: [string, string] = ["", ""]) {
  const prepared = await prepareSearch(q);
  const text = JSON.stringify({ plan: prepared.plan, query: dialect.sqlToQuery(prepared.tsquery) });
  return word ? text.replaceAll(word, as) : text;
}

/** The word statistics are read at most every ten minutes per process: let them be read afresh. */
async function withFreshStatistics<T>(run: () => Promise<T>): Promise<T> {
  await db.execute(sql`ANALYZE notices`);
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(Date.now() + 11 * 60_000);
  try {
    return await run();
  } finally {
    vi.useRealTimers();
  }
}

describe("a word only in notices the searcher cannot read", () => {
  /**
   * A CLEAR company everyone reads, and three names close to it that a user of another country may
   * not read: a RED alert, an AMBER one released to Kazakhstan only, and a draft. The control word
   * is as close to the visible name, and occurs nowhere.
   */
  async function world() {
    const s = stem();
    const { id: agencyId } = await createAgency(db, { countryCode: "KG" });
    const author = await member(agencyId);
    const colleague = await member(agencyId);
    const name = (ending: string) => `${s}${ending}`;
    const visible = await createThrough(author.caller, companyInput({ names: [{ script: "latin", name: `${name("ova")} Trading` }] }));
    // Endings that stemming leaves as typed: each word is then its own stem, and the words differ
    // in nothing a search could treat differently but who may read them.
    const hidden = { red: name("ovk"), amber: name("ovd"), draft: name("ovt") };
    await createThrough(author.caller, companyInput({ names: [{ script: "latin", name: hidden.red }], tlp: "red", recipientIds: [colleague.viewer.userId] }));
    await createThrough(author.caller, companyInput({ names: [{ script: "latin", name: hidden.amber }], tlp: "amber", releaseCountryCodes: ["KZ"] }));
    await createThrough(author.caller, companyInput({ names: [{ script: "latin", name: hidden.draft }] }), { asDraft: true });
    return { s, hidden, control: name("ovp"), visible: visible.id, outsider: await member("tj-customs") };
  }

  it("finds what a word that occurs nowhere finds, through the same vocabulary decision", async () => {
    const { hidden, control, visible, outsider } = await world();
    expect(await ids(outsider, control)).toEqual([visible]);
    for (const word of Object.values(hidden)) {
      // The misspelling's near neighbour, exactly as for the control word.
      expect(await ids(outsider, word)).toEqual([visible]);
      expect(await decision(word, [word, control])).toEqual(await decision(control));
    }
    expect(await known([...Object.values(hidden), control])).toEqual([]);
  });

  it("does so also when the hidden word is frequent enough to be in the word statistics", async () => {
    const { s, hidden, control, visible, outsider } = await world();
    const author = await createUser(db, { agencyId: "kg-mvd-sbnon", role: "analyst" });
    // Many RED notices naming the hidden word: ANALYZE counts it among the most common words of all notices.
    await db.execute(sql`
      INSERT INTO notices (kind, title, occurred_on, crossing_id, country_code, agency_id, author_id, tlp, status,
                           source_reliability, info_credibility, handling_code, published_at, search_names)
      SELECT 'company_alert', 'Suspect company ' || g, date '2026-01-01', 'torugart', 'KG', 'kg-mvd-sbnon', ${author.id}, 'red', 'published',
             'B', 2, 'intelligence_only', now(), ${hidden.red}
      FROM generate_series(1, 300) g`);
    await withFreshStatistics(async () => {
      const [all] = await db.execute<{ words: string[] }>(sql`
        SELECT most_common_elems::text::text[] AS words FROM pg_stats WHERE tablename = 'notices' AND attname = 'search_vector'`);
      expect(all!.words).toContain(hidden.red);
      expect(await ids(outsider, hidden.red)).toEqual([visible]);
      expect(await decision(hidden.red, [hidden.red, control])).toEqual(await decision(control));
      expect(await decision(`${hidden.red} ${s}ova`, [hidden.red, control])).toEqual(await decision(`${control} ${s}ova`));
    });
  });
});

describe("the spelling vocabulary", () => {
  it("takes the name words of notices everyone may read, and nothing of drafts, RED, AMBER or held notices", async () => {
    const s = stem();
    const author = await member("kg-mvd-sbnon");
    const colleague = await member("kg-mvd-sbnon");
    const company = (name: string, more = {}) => companyInput({ names: [{ script: "latin", name }], ...more });

    await createThrough(author.caller, company(`${s}green Holding`, { tlp: "green" }));
    await createThrough(author.caller, company(`${s}clear`, { owners: [`${s}owner`] }));
    await createThrough(author.caller, company(`${s}red`, { tlp: "red", recipientIds: [colleague.viewer.userId] }));
    await createThrough(author.caller, company(`${s}amber`, { tlp: "amber", releaseCountryCodes: ["KZ"] }));
    await createThrough(author.caller, company(`${s}strict`, { tlp: "amber_strict", releaseAgencyIds: ["kz-sgd-customs"] }));
    const draft = await createThrough(author.caller, company(`${s}draft`), { asDraft: true });
    const heldUser = await createUser(db, { agencyId: "kg-mvd-sbnon", role: "analyst" });
    await db.update(users).set({ preModerated: true }).where(eq(users.id, heldUser.id));
    const held = await callerFor(heldUser);
    expect((await createThrough(held.caller, company(`${s}held`))).status).toBe("pending_review");

    const all = ["green", "clear", "owner", "red", "amber", "strict", "draft", "held"].map((w) => `${s}${w}`);
    expect(await known(all)).toEqual([`${s}clear`, `${s}green`, `${s}owner`]);

    // Published, the draft's name becomes everyone's to read, and the vocabulary's.
    await author.caller.notices.submit({ id: draft.id });
    expect(await known(all)).toEqual([`${s}clear`, `${s}draft`, `${s}green`, `${s}owner`]);
  });

  it("lets a word go when no notice everyone may read names it any more: a narrower marking, a redaction, a merge, a deletion", async () => {
    const s = stem();
    const author = await member("kg-mvd-sbnon");
    const coordinator = await member("unodc-roca", "coordinator");
    const shared = `${s}shared`;
    const first = companyInput({ names: [{ script: "latin", name: `${shared} ${s}first` }], owners: [`${s}owner`] });
    const one = await createThrough(author.caller, first);
    const two = await createThrough(author.caller, companyInput({ names: [{ script: "latin", name: `${shared} ${s}second` }] }));
    expect(await known([shared, `${s}first`, `${s}owner`, `${s}second`])).toEqual([`${s}first`, `${s}owner`, shared, `${s}second`].sort());

    // Redacted: the owner's name leaves at once.
    await coordinator.caller.moderation.redact({ id: one.id, field: "owner", index: 0, reason: "Owner is a minor" });
    expect(await known([`${s}owner`])).toEqual([]);

    // Marked AMBER: its own name leaves, the name the other notice shares stays.
    const [current] = await db.select({ version: notices.version }).from(notices).where(eq(notices.id, one.id));
    await author.caller.notices.update({ id: one.id, version: current!.version, notice: { ...first, owners: [], tlp: "amber", releaseCountryCodes: ["KZ"] } });
    expect(await known([shared, `${s}first`])).toEqual([shared]);

    // Merged away into a notice that does not share it: its name leaves.
    const three = await createThrough(author.caller, companyInput({ names: [{ script: "latin", name: `${s}third` }] }));
    await coordinator.caller.moderation.merge({ id: three.id, duplicateId: two.id, reason: "One company reported twice" });
    expect(await known([shared, `${s}second`, `${s}third`])).toEqual([`${s}third`]);

    // Deleted (no procedure deletes a notice; the database's rule holds all the same).
    await db.delete(notices).where(eq(notices.id, three.id));
    expect(await known([`${s}third`])).toEqual([]);
  });

  it("counts exactly under concurrent writers: ten notices naming one word at once, then all narrowed at once", async () => {
    const s = stem();
    const author = await member("kg-mvd-sbnon");
    const made = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        createThrough(author.caller, companyInput({ names: [{ script: "latin", name: `${s}common ${s}own${String.fromCharCode(97 + i)}` }] })),
      ),
    );
    const count = async () =>
      (
        await db
          .select({ notices: searchWords.notices })
          .from(searchWords)
          .where(eq(searchWords.word, `${s}common`))
      )[0]?.notices;
    expect(await count()).toBe(10);
    await Promise.all(made.map(({ id }) => db.update(notices).set({ tlp: "amber" }).where(eq(notices.id, id))));
    expect(await count()).toBeUndefined();
  });
});

describe("the spelling vocabulary and the visibility rule", () => {
  it("keeps the words of a retracted notice, which everyone still reads", async () => {
    const s = stem();
    const author = await member("kg-mvd-sbnon");
    const notice = await createThrough(author.caller, companyInput({ names: [{ script: "latin", name: `${s}retracted` }] }));
    await author.caller.notices.retract({ id: notice.id, reason: "Reported in error" });
    expect(await known([`${s}retracted`])).toEqual([`${s}retracted`]);
    expect(await ids(await member("tj-customs"), `${s}retarcted`)).toEqual([notice.id]);
  });

  it("means by 'everyone may read' exactly what the visibility rule lets a member of an unrelated agency read", async () => {
    const { id: agencyId } = await createAgency(db, { countryCode: "KG" });
    const author = await createUser(db, { agencyId, role: "analyst" });
    await db.execute(sql`
      INSERT INTO notices (kind, title, occurred_on, crossing_id, country_code, agency_id, author_id, tlp, status,
                           source_reliability, info_credibility, handling_code, published_at)
      SELECT 'seizure', t || ' ' || st, date '2026-01-01', 'torugart', 'KG', ${agencyId}, ${author.id}, t::tlp, st::notice_status,
             'B', 2, 'intelligence_only', now()
      FROM unnest(string_to_array(${TLP_LEVELS.join(",")}, ',')) t, unnest(string_to_array(${NOTICE_STATUSES.join(",")}, ',')) st`);
    const stranger = await member("tj-customs");
    const rows = await db
      .select({
        title: notices.title,
        everyone: sql<boolean>`notice_readable_by_all(${notices.tlp}, ${notices.status})`,
        stranger: sql<boolean>`${visibleTo(stranger.viewer)}`,
      })
      .from(notices)
      .where(eq(notices.agencyId, agencyId));
    expect(rows).toHaveLength(TLP_LEVELS.length * NOTICE_STATUSES.length);
    for (const row of rows) expect({ [row.title]: row.everyone }).toEqual({ [row.title]: row.stranger });
  });
});
