import { inspect } from "node:util";
import { sql } from "drizzle-orm";
import { afterEach, beforeAll, afterAll, describe, expect, it, vi } from "vitest";
import { db } from "~/db/index";
import { createUser } from "~/db/seed/factories";
import { authOptions } from "~/server/auth/config";
import { callerFor } from "~/tests/callers";
import { seizureInput } from "~/tests/notices";

// Words that exist only in the notice: if any reaches a log, notice content did.
const SECRET_TITLE = "Kestrel Freight hides 40 t of anhydride";
const SECRET_NARRATIVE = "informant Zhanar Omarova, mobile +7 701 555 0199";

// A constraint only this test's database has, so that the insert fails inside PostgreSQL with the
// secret among its parameters and in the failing row, whatever the input schemas accept.
beforeAll(() => db.execute(sql`ALTER TABLE notices ADD CONSTRAINT test_refuse_kestrel CHECK (title NOT LIKE '%Kestrel%')`));
afterAll(() => db.execute(sql`ALTER TABLE notices DROP CONSTRAINT test_refuse_kestrel`));
afterEach(() => vi.restoreAllMocks());

const captureErrors = () => vi.spyOn(console, "error").mockImplementation(() => {});
const printed = (spy: ReturnType<typeof captureErrors>) =>
  spy.mock.calls.map((args) => args.map((a) => (typeof a === "string" ? a : inspect(a, { depth: 20, showHidden: true }))).join(" ")).join("\n");

async function failingCreate() {
  const { caller } = await callerFor(await createUser(db, { agencyId: "kz-sgd-customs", role: "analyst" }));
  return caller.notices
    .create({ idempotencyKey: crypto.randomUUID(), asDraft: false, notice: seizureInput({ title: SECRET_TITLE, narrative: SECRET_NARRATIVE }) })
    .then(
      () => {
        throw new Error("the insert was expected to fail");
      },
      (error: unknown) => error,
    );
}

describe("server logs carry codes and ids, never notice content (issue 13, item 6)", () => {
  it("logs a failed query by SQLSTATE, constraint, procedure and request id, without its parameters", async () => {
    const logged = captureErrors();
    await failingCreate();
    const output = printed(logged);
    expect(output).toContain("code=23514");
    expect(output).toContain("constraint_name=test_refuse_kestrel");
    expect(output).toContain("path=notices.create");
    expect(output).toMatch(/request=[0-9a-f-]{36}/);
    for (const secret of ["Kestrel Freight", "anhydride", "Zhanar", "555 0199"]) expect(output).not.toContain(secret);
    expect(output).not.toMatch(/insert into|Failing row|params:/i);
  });

  it("throws nothing that would print the query if logged again (Next.js logs what a page throws, causes included)", async () => {
    captureErrors();
    const error = await failingCreate();
    const rendered = inspect(error, { depth: 20, showHidden: true });
    expect(rendered).toContain("INTERNAL_SERVER_ERROR");
    for (const secret of ["Kestrel", "Zhanar", "insert into"]) expect(rendered).not.toContain(secret);
  });

  it("keeps next-auth's logger to codes too", async () => {
    const logged = captureErrors();
    const failure = await db.execute(sql`SELECT ${"Kestrel Freight"}::uuid`).catch((e: unknown) => e);
    authOptions.logger!.error!("SIGNIN_EMAIL_ERROR", { error: failure as Error, providerId: "credentials", message: "x" });
    authOptions.logger!.error!("JWT_SESSION_ERROR", failure as Error);
    const output = printed(logged);
    expect(output).toContain("code=22P02");
    expect(output).not.toContain("Kestrel");
  });
});
