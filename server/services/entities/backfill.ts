import { db } from "~/db/index";
import { entityBackfill } from "~/db/schema";
import { refreshMentions } from "./store";

const BATCH = 200;

/**
 * Extracts the entities of the notices written before extraction existed (listed by migration
 * 0024), a batch per transaction, until none is left; a no-op afterwards. Run by `npm run
 * db:migrate` and the demo's set-up, after the migrations.
 */
export async function backfillEntities(): Promise<number> {
  let done = 0;
  for (;;) {
    const batch = await db.select({ noticeId: entityBackfill.noticeId }).from(entityBackfill).limit(BATCH);
    if (!batch.length) return done;
    await db.transaction(async (tx) => {
      for (const { noticeId } of batch) await refreshMentions(tx, noticeId);
    });
    done += batch.length;
  }
}
