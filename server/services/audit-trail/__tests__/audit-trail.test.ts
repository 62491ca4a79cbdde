import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { desc, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "~/db/index";
import { auditLog } from "~/db/schema";
import { createUser, DEMO_PASSWORD } from "~/db/seed/factories";
import { signInWithPassword } from "~/server/services/sign-in";
import { ACCOUNT_LIMIT } from "~/server/auth/throttle";
import { audit } from "~/server/services/audit";
import { verifyAuditChain } from "~/server/services/audit-trail/verify";
import { callerFor, refusal } from "~/tests/callers";
import { arrestInput, createThrough, seizureInput } from "~/tests/notices";

const run = promisify(execFile);

/** `npm run audit:verify` against this file's database: its exit code and what it printed. */
async function auditVerifyCli() {
  try {
    const { stdout, stderr } = await run(process.execPath, ["--import", "tsx", "scripts/audit-verify.ts"], { env: { ...process.env }, timeout: 60_000 });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr };
  }
}

/** Changes an entry the way only a superuser can: with the append-only triggers switched off. */
async function tamper(statement: ReturnType<typeof sql>) {
  await db.transaction(async (tx) => {
    await tx.execute(sql`ALTER TABLE audit_log DISABLE TRIGGER USER`);
    await tx.execute(statement);
    await tx.execute(sql`ALTER TABLE audit_log ENABLE TRIGGER USER`);
  });
}

describe("searching the audit trail", () => {
  it("filters by actor, action, target and dates, newest first, in pages that neither skip nor repeat", async () => {
    const coordinator = await createUser(db, { agencyId: "unodc-roca", role: "coordinator", timeZone: "Asia/Almaty" });
    const coord = await callerFor(coordinator);
    const actor = await createUser(db, { agencyId: "kz-sgd-customs", role: "analyst", email: `searched-${Date.now()}@test.example.org` });
    for (let i = 0; i < 5; i += 1)
      await audit(db, { action: "test.event", actor: { userId: actor.id, agencyId: actor.agencyId }, target: { type: "thing", id: `t${i}` } });

    const first = await coord.caller.audit.search({ actor: actor.email, action: "test.", limit: 2 });
    expect(first.items.map((e) => e.targetId)).toEqual(["t4", "t3"]);
    const second = await coord.caller.audit.search({ actor: actor.email, action: "test.", limit: 2, cursor: first.nextCursor! });
    const third = await coord.caller.audit.search({ actor: actor.email, action: "test.", limit: 2, cursor: second.nextCursor! });
    expect([...second.items, ...third.items].map((e) => e.targetId)).toEqual(["t2", "t1", "t0"]);
    expect(third.nextCursor).toBeNull();

    expect((await coord.caller.audit.search({ targetType: "thing", targetId: "t3" })).items).toHaveLength(1);
    // Days are the reader's: from 19:00 UTC it is already tomorrow in Almaty.
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: coordinator.timeZone }).format(new Date());
    expect((await coord.caller.audit.search({ actor: actor.email, from: today, to: today })).items).toHaveLength(5);
    expect((await coord.caller.audit.search({ actor: actor.email, to: "2020-01-01" })).items).toHaveLength(0);
  });

  it("finds failed sign-ins of an address, and role changes, and is refused to agency roles", async () => {
    const coord = await callerFor(await createUser(db, { agencyId: "unodc-roca", role: "coordinator" }));
    const adminUser = await createUser(db, { agencyId: "unodc-roca", role: "admin" });
    const target = await createUser(db, { agencyId: "kz-sgd-customs", role: "analyst" });
    await signInWithPassword({ credentials: { email: target.email, password: "wrong password" }, ip: "10.0.0.9", userAgent: null });
    await (await callerFor(adminUser)).caller.users.update({ userId: target.id, role: "chief" });

    const failures = await coord.caller.audit.search({ actor: target.email, action: "auth.signin_failed" });
    expect(failures.items[0]).toMatchObject({ ip: "10.0.0.9", details: { reason: "wrong_password" } });
    const roleChange = await coord.caller.audit.search({ action: "user.update", targetId: target.id });
    expect(roleChange.items[0]).toMatchObject({ actor: { id: adminUser.id }, details: { role: { from: "analyst", to: "chief" } } });

    const analyst = await callerFor(await createUser(db, { agencyId: "kz-sgd-customs", role: "agency_admin" }));
    expect(await refusal(analyst.caller.audit.search({}))).toMatchObject({ code: "FORBIDDEN" });
  });

  it("locks an account out after repeated failures, even for the right password, and audits the lockout once", async () => {
    const coord = await callerFor(await createUser(db, { agencyId: "unodc-roca", role: "coordinator" }));
    const target = await createUser(db, { agencyId: "kz-sgd-customs", role: "analyst" });
    const attempt = (password: string) => signInWithPassword({ credentials: { email: target.email, password }, ip: "10.0.0.7", userAgent: null });
    for (let i = 0; i < ACCOUNT_LIMIT.failures; i += 1) expect(await attempt(`wrong password ${i}`)).toBeNull();
    expect(await attempt(DEMO_PASSWORD)).toBeNull();

    const lockouts = await coord.caller.audit.search({ actor: target.email, action: "auth.lockout" });
    expect(lockouts.items).toHaveLength(1);
    expect(lockouts.items[0]).toMatchObject({ ip: "10.0.0.7", details: { email: target.email, failures: ACCOUNT_LIMIT.failures } });
    const [refused] = (await coord.caller.audit.search({ actor: target.email, action: "auth.signin_failed", limit: 1 })).items;
    expect(refused!.details).toMatchObject({ reason: "locked_out" });

    const other = await createUser(db, { agencyId: "kz-sgd-customs", role: "analyst" });
    expect(await signInWithPassword({ credentials: { email: other.email, password: DEMO_PASSWORD }, ip: "10.0.0.7", userAgent: null })).not.toBeNull();
  });
});

describe("the agency's read log", () => {
  it("shows an agency who read its AMBER notices, and only its own", async () => {
    const author = await callerFor(await createUser(db, { agencyId: "kg-mvd-sbnon", role: "analyst" }));
    const colleague = await callerFor(await createUser(db, { agencyId: "kg-mvd-sbnon", role: "chief" }));
    const reader = await callerFor(await createUser(db, { agencyId: "kz-sgd-customs", role: "analyst", name: "Reader In Kazakhstan" }));
    const { id } = await createThrough(author.caller, seizureInput({ tlp: "amber", releaseCountryCodes: ["KZ"] }));
    await reader.caller.notices.get({ id });

    const reads = await colleague.caller.audit.agencyReads({});
    expect(reads.items.find((r) => r.notice.id === id)).toMatchObject({ reader: "Reader In Kazakhstan", notice: { tlp: "amber" } });
    expect((await reader.caller.audit.agencyReads({})).items.some((r) => r.notice.id === id)).toBe(false);
  });

  it("lists each reader of each notice once, with the first and last read and how many, page by page", async () => {
    const author = await callerFor(await createUser(db, { agencyId: "tj-customs", role: "analyst" }));
    const chief = await callerFor(await createUser(db, { agencyId: "tj-customs", role: "chief" }));
    const often = await callerFor(await createUser(db, { agencyId: "kz-sgd-customs", role: "analyst", name: "Reads Often" }));
    const once = await callerFor(await createUser(db, { agencyId: "kz-sgd-customs", role: "analyst", name: "Reads Once" }));
    const { id } = await createThrough(author.caller, seizureInput({ tlp: "amber", releaseCountryCodes: ["KZ"] }));
    const other = await createThrough(author.caller, seizureInput({ tlp: "amber", releaseCountryCodes: ["KZ"] }));
    for (let i = 0; i < 6; i++) await often.caller.notices.get({ id });
    await once.caller.notices.get({ id });
    await often.caller.notices.get({ id: other.id });

    const lines = (await chief.caller.audit.agencyReads({})).items.filter((r) => [id, other.id].includes(r.notice.id));
    expect(lines.map((r) => [r.reader, r.notice.id === id ? "first notice" : "second notice", r.count])).toEqual([
      ["Reads Often", "second notice", 1],
      ["Reads Once", "first notice", 1],
      ["Reads Often", "first notice", 6],
    ]);
    const six = lines[2]!;
    expect(six.first.getTime()).toBeLessThan(six.last.getTime());

    // One line a page: each line once, in the same order.
    const paged: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await chief.caller.audit.agencyReads({ cursor, limit: 1 });
      paged.push(...page.items.map((r) => `${r.reader} ${r.notice.id} ${r.count}`));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(paged).toEqual(lines.map((r) => `${r.reader} ${r.notice.id} ${r.count}`));
  });
});

describe("what the trail says of notices its reader may not read", () => {
  const as = async (agencyId: string, role: "analyst" | "coordinator" | "admin") => callerFor(await createUser(db, { agencyId, role }));

  it("shows actor, action and time only for entries about RED notices, drafts and other agencies' AMBER+STRICT ones", async () => {
    const author = await as("kz-sgd-customs", "analyst");
    const recipient = await as("kz-sgd-customs", "analyst");
    const coordinator = await as("unodc-roca", "coordinator");
    const admin = await as("unodc-roca", "admin");
    const red = await createThrough(author.caller, seizureInput({ tlp: "red", recipientIds: [recipient.viewer.userId] }));
    await recipient.caller.notices.get({ id: red.id });
    const draft = await createThrough(author.caller, seizureInput(), { asDraft: true });
    const strict = await createThrough(author.caller, seizureInput({ tlp: "amber_strict", releaseAgencyIds: ["kg-customs"] }));
    await author.caller.notices.retract({ id: strict.id, reason: "Source burnt: withdrawn quietly" });
    const open = await createThrough(author.caller, seizureInput());
    const authorEmail = (await db.query.users.findFirst({ where: (u, { eq }) => eq(u.id, author.viewer.userId) }))!.email;

    const hidden = { coordinator: [red.id, draft.id], admin: [red.id, draft.id, strict.id] };
    for (const [who, reader] of [
      ["coordinator", coordinator],
      ["admin", admin],
    ] as const) {
      const { items } = await reader.caller.audit.search({ actor: authorEmail, action: "notice.", limit: 100 });
      const withheld = items.filter((e) => e.withheld);
      expect(withheld.length).toBeGreaterThanOrEqual(hidden[who].length);
      for (const entry of withheld)
        expect(entry).toMatchObject({ targetType: null, targetId: null, targetLabel: null, ip: null, details: {}, actor: { id: author.viewer.userId } });
      const shown = JSON.stringify(items);
      for (const id of hidden[who]) expect(shown).not.toContain(id);
      expect(shown.includes("Source burnt")).toBe(who === "coordinator");
      // A notice the reader may know of is named by its title, for the link to it.
      expect(items.find((e) => e.targetId === open.id)).toMatchObject({
        action: "notice.create",
        targetLabel: "Test notice",
        details: { kind: "seizure", tlp: "clear" },
        withheld: false,
      });
      // A search by a hidden notice's id finds what a search for no notice at all does.
      for (const id of hidden[who]) expect((await reader.caller.audit.search({ targetType: "notice", targetId: id })).items).toEqual([]);
      // Its reads, too: who read a RED notice is its agency's business, not the trail reader's.
      expect(JSON.stringify((await reader.caller.audit.search({ action: "notice.read", limit: 100 })).items)).not.toContain(red.id);
    }
  });

  it("keeps a redacted original for the originating agency: no coordinator or administrator of another reads it", async () => {
    const coordinator = await as("unodc-roca", "coordinator");
    const admin = await as("unodc-roca", "admin");
    const kz = await as("kz-sgd-customs", "analyst");
    const persons = [{ names: { latin: "Timur Alekseev" }, nationalityCode: "KZ", birthYear: 1981, role: "courier" as const }];
    const theirs = await createThrough(kz.caller, arrestInput({ persons }));
    const ours = await createThrough(coordinator.caller, arrestInput({ persons: [{ ...persons[0]!, names: { latin: "Dana Serikova" } }] }));
    for (const { id } of [theirs, ours]) await coordinator.caller.moderation.redact({ id, field: "person", index: 0, reason: "Protects a witness" });

    // The coordinator may read the notice, and reads the entry, but not the original.
    const [entry] = (await coordinator.caller.audit.search({ action: "moderation.redact", targetId: theirs.id })).items;
    expect(entry).toMatchObject({ targetId: theirs.id, details: { reason: "Protects a witness", field: "person", index: 0 } });
    for (const reader of [coordinator, admin]) {
      expect(JSON.stringify((await reader.caller.audit.search({ action: "moderation.redact", limit: 100 })).items)).not.toContain("Alekseev");
      // The notice of their own agency: its original is theirs to read.
      const [own] = (await reader.caller.audit.search({ action: "moderation.redact", targetId: ours.id })).items;
      expect(own!.details).toMatchObject({ original: ["Dana Serikova"] });
    }
  });

  it("gives the moderation log of a merge no reason or details naming a duplicate the agency may not know of", async () => {
    const kg = await as("kg-mvd-sbnon", "analyst");
    const kz = await as("kz-sgd-customs", "analyst");
    const coordinator = await as("unodc-roca", "coordinator");
    const survivor = await createThrough(kg.caller, seizureInput({ title: "Acetic anhydride at Torugart" }));
    const duplicate = await createThrough(kz.caller, seizureInput({ tlp: "amber_strict", releaseAgencyIds: ["kg-customs"] }));
    await coordinator.caller.moderation.merge({ id: survivor.id, duplicateId: duplicate.id, reason: "Same as the customs report" });

    const [entry] = (await kg.caller.moderation.log({ noticeId: survivor.id })).items;
    expect(entry).toMatchObject({ action: "merge", reason: null, details: {}, withheld: true });
    expect(JSON.stringify(entry)).not.toContain(duplicate.id);
    const [forCoordinator] = (await coordinator.caller.moderation.log({ noticeId: survivor.id })).items;
    expect(forCoordinator).toMatchObject({ reason: "Same as the customs report", details: { duplicateId: duplicate.id }, withheld: false });
  });
});

// Last in the file: tampering leaves this file's database with a broken chain.
describe("npm run audit:verify", () => {
  it("proves an untouched chain intact", async () => {
    await audit(db, { action: "test.intact" });
    expect(await verifyAuditChain(db)).toMatchObject({ intact: true });
    const cli = await auditVerifyCli();
    expect(cli).toMatchObject({ code: 0 });
    expect(cli.output).toMatch(/intact/);
  });

  it("sees an entry altered with its hash recomputed: the entry after it no longer follows", async () => {
    for (let i = 0; i < 3; i += 1) await audit(db, { action: "test.rehashed", details: { i } });
    const [after, victim] = await db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(2);
    await tamper(sql`UPDATE audit_log SET details = '{"i": 42}' WHERE id = ${victim!.id}`);
    await tamper(sql`UPDATE audit_log a SET hash = audit_log_entry_hash(a.prev_hash, a) WHERE id = ${victim!.id}`);
    expect(await verifyAuditChain(db)).toMatchObject({ intact: false, brokenId: after!.id, problem: "chain_break" });

    await tamper(sql`UPDATE audit_log SET details = ${JSON.stringify(victim!.details)}::jsonb, hash = ${victim!.hash} WHERE id = ${victim!.id}`);
    expect(await verifyAuditChain(db)).toMatchObject({ intact: true });
  });

  it("names the first altered entry and exits 1", async () => {
    for (let i = 0; i < 3; i += 1) await audit(db, { action: "test.before_tampering", details: { i } });
    const [, victim] = await db.select({ id: auditLog.id }).from(auditLog).orderBy(desc(auditLog.id)).limit(2);
    await tamper(sql`UPDATE audit_log SET details = '{"i": 99}' WHERE id = ${victim!.id}`);

    expect(await verifyAuditChain(db)).toMatchObject({ intact: false, brokenId: victim!.id, problem: "hash_mismatch" });
    const cli = await auditVerifyCli();
    expect(cli.code).toBe(1);
    expect(cli.output).toContain(`BROKEN at entry ${victim!.id}`);
  });
});
