import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "~/db/index";
import { createAgency, createUser } from "~/db/seed/factories";
import type { Role } from "~/server/auth/roles";
import { callerFor, refusal } from "~/tests/callers";
import { companyInput, createThrough, seizureInput } from "~/tests/notices";

type Session = Awaited<ReturnType<typeof callerFor>>;

async function member(agencyId: string, role: Role = "analyst"): Promise<Session> {
  return callerFor(await createUser(db, { agencyId, role }));
}

// A word no other test's notice carries, so that each test sees only its own notices.
const marker = () => `zq${randomUUID().replaceAll("-", "").slice(0, 10)}`;

const ids = (rows: { id: string }[]) => rows.map((row) => row.id).sort();

describe("the notice picker", () => {
  it("finds a notice by the start of words of its title, newest first, and by a pasted address or id", async () => {
    const agency = await createAgency(db, { countryCode: "KG" });
    const author = await member(agency.id);
    const word = marker();
    const older = await createThrough(author.caller, seizureInput({ title: `Permanganate at Torugart ${word}` }));
    const newer = await createThrough(author.caller, companyInput({ title: `Front company near Torugart ${word}`, narrative: `Acetic ${word}narrative` }));
    const reader = await member("kz-sgd-customs");

    const pick = (q: string, more: { kind?: "seizure" | "company_alert" } = {}) => reader.caller.notices.pick({ q, ...more });
    expect((await pick(`toru ${word.slice(0, 6)}`)).map((row) => row.id)).toEqual([newer.id, older.id]);
    expect(ids(await pick(`PERMAN ${word}`))).toEqual([older.id]);
    expect(ids(await pick(`torugart ${word}`, { kind: "company_alert" }))).toEqual([newer.id]);
    // The narrative is not searched: a prefix of two letters would match nearly every notice.
    expect(await pick(`${word}narr`)).toEqual([]);
    expect(ids(await pick(`https://tianshan.example/notices/${older.id}?tab=links`))).toEqual([older.id]);
    expect(await pick("--")).toEqual([]);
    expect(await refusal(pick("t"))).toMatchObject({ code: "BAD_REQUEST" });

    const [row] = await pick(`perman ${word}`);
    expect(row).toEqual({
      id: older.id,
      title: `Permanganate at Torugart ${word}`,
      kind: "seizure",
      status: "published",
      tlp: "clear",
      occurredOn: "2026-03-14",
      agencyShortName: agency.shortName,
    });
  });

  it("never offers a notice the viewer may not read, by its words or by its id", async () => {
    const agency = await createAgency(db, { countryCode: "KZ" });
    const author = await member(agency.id);
    const colleague = await member(agency.id);
    const recipient = await member("kg-mvd-sbnon");
    const word = marker();
    const title = (what: string) => `Hidden ${what} at Torugart ${word}`;
    const red = await createThrough(author.caller, seizureInput({ title: title("red"), tlp: "red", recipientIds: [recipient.viewer.userId] }));
    const strict = await createThrough(author.caller, seizureInput({ title: title("strict"), tlp: "amber_strict", releaseAgencyIds: ["kg-customs"] }));
    const draft = await createThrough(author.caller, seizureInput({ title: title("draft") }), { asDraft: true });
    const open = await createThrough(author.caller, seizureInput({ title: title("clear") }));

    const outsider = await member("tj-customs");
    expect(ids(await outsider.caller.notices.pick({ q: `hidden ${word}` }))).toEqual([open.id]);
    for (const hidden of [red, strict, draft]) {
      expect(await outsider.caller.notices.pick({ q: hidden.id })).toEqual([]);
    }
    // The same rule as everywhere: RED reaches its recipients, not even the author's agency; a draft only its author.
    expect(ids(await recipient.caller.notices.pick({ q: `hidden ${word}` }))).toEqual(ids([red, open]));
    expect(ids(await colleague.caller.notices.pick({ q: `hidden ${word}` }))).toEqual(ids([strict, open]));
    expect(ids(await author.caller.notices.pick({ q: `hidden ${word}` }))).toEqual(ids([red, strict, draft, open]));
    expect(ids(await author.caller.notices.pick({ q: `hidden ${word}`, statuses: ["published"] }))).toEqual(ids([red, strict, open]));
  });
});
