import { randomUUID } from "node:crypto";
import superjson from "superjson";
import { describe, expect, it } from "vitest";
import { arrestInput, companyInput, createThrough, seizureInput } from "~/tests/notices";
import { freshAuthor, member, type Session } from "./feed-search-fixtures";

// Search: in every script, misspelt, never beyond what the viewer may read, newest first.

const search = (session: Session, q: string, more: { cursor?: string; limit?: number } = {}) => session.caller.notices.search({ q, ...more });
const hits = (parts: { text: string; hit: boolean }[]) => parts.filter((p) => p.hit).map((p) => p.text);

/** A seizure told in Russian, a company named in Latin and Chinese, an arrested person, a company name in two words. */
async function createInEveryScript(author: Session) {
  const seizure = await createThrough(
    author.caller,
    seizureInput({ title: "Zirconium mislabelled as textiles", narrative: "Груз задекларирован как **растительное** масло, уксусный ангидрид в бочках." }),
  );
  const company = await createThrough(
    author.caller,
    companyInput({
      title: "Suspect exporter",
      names: [
        { script: "latin", name: "Qarakorum Chemical Trading" },
        { script: "chinese", name: "喀喇昆仑化工贸易有限公司" },
      ],
      narrative: "该公司曾向乌鲁木齐发运货物。",
    }),
  );
  const arrest = await createThrough(
    author.caller,
    arrestInput({ title: "Courier detained", persons: [{ names: { latin: "Baktygul Esenalieva" }, role: "courier" }] }),
  );
  const spaced = await createThrough(author.caller, companyInput({ title: "Front company", names: [{ script: "latin", name: "Tian Shan Petrochem Group" }] }));
  return { seizure, company, arrest, spaced };
}

describe("search", () => {
  it("finds notices by a title word, a Russian word, a misspelt company name, a Chinese name and a person's name", async () => {
    const { author } = await freshAuthor();
    const { seizure, company, arrest, spaced } = await createInEveryScript(author);
    const reader = await member("kz-sgd-customs");
    const ids = async (q: string) => (await search(reader, q)).items.map((i) => i.id);

    expect(await ids("zirconium")).toEqual([seizure.id]);
    expect(await ids("растительное")).toEqual([seizure.id]);
    expect(await ids("Qarakorum Chemicl")).toEqual([company.id]);
    expect(await ids("昆仑化工")).toEqual([company.id]);
    expect(await ids("乌鲁木齐")).toEqual([company.id]);
    expect(await ids("Esenalieva")).toEqual([arrest.id]);
    // Misspellings are corrected to words everyone may read only (see search-vocabulary.test.ts),
    // and an arrest is never CLEAR or GREEN: a person's name must be spelt as written.
    expect(await ids("Esenaliyeva")).toEqual([]);
    // A name written as one word is found where it was written as two, and the other way round.
    expect(await ids("Tianshan Petrochem")).toEqual([spaced.id]);
    expect(await ids("Qara korum")).toEqual([company.id]);

    const [russian] = (await search(reader, "растительное")).items;
    expect(hits(russian!.snippet)).toEqual(["растительное"]);
    expect(russian!.snippet.map((p) => p.text).join("")).not.toContain("**");
    const [chinese] = (await search(reader, "乌鲁木齐")).items;
    expect(hits(chinese!.snippet)).toEqual(["乌鲁木齐"]);
    expect(superjson.serialize(await search(reader, "Qarakorum")).meta).toBeUndefined();
    // Found by a person's name, the summary still names no one.
    expect(JSON.stringify(await search(reader, "Esenalieva"))).not.toMatch(/Baktygul|Esenalieva/);
  });

  it("never returns, nor snippets, a notice the viewer may not read", async () => {
    const { author } = await freshAuthor("KG");
    const word = `quokka${randomUUID().slice(0, 8)}`;
    const strict = await createThrough(
      author.caller,
      seizureInput({ title: `Strict ${word}`, narrative: `Only for the Kazakh customs: ${word}.`, tlp: "amber_strict", releaseAgencyIds: ["kz-sgd-customs"] }),
    );
    const insider = await member("kz-sgd-customs");
    const inside = await search(insider, word);
    expect(inside.items.map((i) => i.id)).toEqual([strict.id]);
    expect(hits(inside.items[0]!.snippet)).toEqual([word]);

    // Same country, other agency: AMBER+STRICT reaches the listed agencies only.
    for (const outsider of [await member("kz-border-service"), await member("tj-customs"), await member("kg-customs", "chief")]) {
      for (const q of [word, `${word.slice(0, -1)}x`]) {
        const result = await search(outsider, q);
        expect(result).toMatchObject({ items: [], nextCursor: null, total: 0, suggestion: null, entities: [] });
        expect(Object.values(result.facets).flat()).toEqual([]);
      }
      expect((await outsider.caller.notices.feed({ filters: { agencyId: author.viewer.agencyId } })).items).toEqual([]);
    }
  });

  it("finds retracted notices but not drafts, and pages newest first by the same cursor", async () => {
    const { author } = await freshAuthor();
    const word = `wombat${randomUUID().slice(0, 8)}`;
    const made = [];
    for (let i = 0; i < 4; i++) made.push((await createThrough(author.caller, seizureInput({ title: `${word} ${i}` }))).id);
    await author.caller.notices.retract({ id: made[0]!, reason: "Entered twice" });
    await createThrough(author.caller, seizureInput({ title: `${word} draft` }), { asDraft: true });
    const reader = await member("kz-sgd-customs");
    const first = await search(reader, word, { limit: 3 });
    const second = await search(reader, word, { limit: 3, cursor: first.nextCursor! });
    expect([...first.items, ...second.items].map((i) => i.id)).toEqual([...made].reverse());
    expect(second.items.at(-1)!.status).toBe("retracted");
    expect(second.nextCursor).toBeNull();
    // Not even its author finds a draft by search: search covers what was released.
    expect((await search(author, `${word} draft`)).items.map((i) => i.title)).not.toContain(`${word} draft`);
  });

  it("finds nothing for a query of punctuation alone, and a single Chinese character by the words it starts", async () => {
    const { author } = await freshAuthor();
    const notice = await createThrough(author.caller, seizureInput({ title: "麻黄碱 shipment", narrative: "Declared as 药材." }));
    const reader = await member("kz-sgd-customs");
    expect((await search(reader, "%_%")).items).toEqual([]);
    expect((await search(reader, "麻")).items.map((i) => i.id)).toEqual([notice.id]);
    expect((await search(reader, "黄碱")).items.map((i) => i.id)).toEqual([notice.id]);
  });
});
