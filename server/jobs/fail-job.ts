import type PgBoss from "pg-boss";
import { sql } from "drizzle-orm";
import { db } from "~/db/index";
import { inTransaction } from "~/server/queue/transaction-db";

/**
 * Fails a job: it is retried with back-off while retries are left, then dead-lettered. A
 * permanent failure (the mail server refused this message for good, a payload that no longer
 * fits) skips the retries: it is dead-lettered at once, in one transaction, and says so in its
 * output for the admins' list.
 */
export async function failJob(boss: PgBoss, name: string, id: string, message: string, permanent: boolean): Promise<void> {
  if (!permanent) return boss.fail(name, id, { message });
  await db.transaction(async (tx) => {
    // With no retries left, pg-boss's own fail() marks it failed and copies it to the dead letters.
    await tx.execute(sql`UPDATE pgboss.job SET retry_limit = retry_count WHERE name = ${name} AND id = ${id}`);
    await boss.fail(name, id, { message, permanent: true }, { db: inTransaction(tx) });
  });
}
