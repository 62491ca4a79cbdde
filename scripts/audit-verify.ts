import { verifyAuditChain } from "~/server/services/audit-trail/verify";
import { fail, provideDatabase } from "./lib/launch";

// Proves the audit log's hash chain intact, or names the first entry where it breaks (exit 1).
const database = await provideDatabase().catch(fail);
let intact = false;
try {
  const { db } = await import("~/db/index");
  const report = await verifyAuditChain(db);
  await db.$client.end();
  if (report.intact) {
    console.log(`Audit log intact: ${report.entries} entries, chain verified up to entry ${report.lastId ?? "-"}.`);
  } else {
    const why = report.problem === "hash_mismatch" ? "its contents do not match its hash (altered)" : "it does not follow the entry before it (an earlier entry altered, removed or inserted)";
    console.error(`Audit log BROKEN at entry ${report.brokenId}: ${why}. ${report.entries} entries before it verified.`);
  }
  intact = report.intact;
} catch (error) {
  await database.stop();
  fail(error);
}
await database.stop();
process.exit(intact ? 0 : 1);
