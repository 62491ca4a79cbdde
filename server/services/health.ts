import { createHash, timingSafeEqual } from "node:crypto";
import { sql } from "drizzle-orm";
import { db } from "~/db/index";
import { JOBS } from "~/server/queue/catalogue";

/**
 * What an operator's monitor needs to know (deploy/README.md): counts and ages, never content.
 * `waiting`: jobs due or waiting to retry; `oldestDueSeconds`: how long the oldest job that may run
 * now has waited (a backlog when it grows); `failed`: jobs that used up their retries (admins see
 * them in the mail view); `oldestUnsentAlertSeconds`: the oldest instant alert not yet mailed
 * (alerts wait MAIL_BATCH_SECONDS by design; far longer means mail is stuck).
 */
export async function queueHealth() {
  const [row] = await db.execute<{ waiting: number; oldest_due: number | null; failed: number; oldest_alert: number | null }>(sql`
    SELECT
      (SELECT count(*)::int FROM pgboss.job WHERE state IN ('created', 'retry') AND name <> ${JOBS.deadLetter}) AS waiting,
      (SELECT extract(epoch FROM now() - min(created_on))::float8 FROM pgboss.job
        WHERE state IN ('created', 'retry') AND start_after <= now() AND name <> ${JOBS.deadLetter}) AS oldest_due,
      (SELECT count(*)::int FROM pgboss.job WHERE state = 'failed' AND name <> ${JOBS.deadLetter}) AS failed,
      (SELECT extract(epoch FROM now() - min(created_at))::float8 FROM mail_items
        WHERE delivery_id IS NULL AND delivery = 'instant') AS oldest_alert`);
  const seconds = (value: number | null) => (value === null ? null : Math.max(0, Math.round(value)));
  return { waiting: row!.waiting, oldestDueSeconds: seconds(row!.oldest_due), failed: row!.failed, oldestUnsentAlertSeconds: seconds(row!.oldest_alert) };
}

const digest = (text: string) => createHash("sha256").update(text).digest();

/** Whether the request carries `Authorization: Bearer <token>` (compared in constant time). */
function bearerMatches(request: Request, token: string | undefined): boolean {
  const given = /^Bearer (.+)$/.exec(request.headers.get("authorization") ?? "")?.[1];
  return Boolean(token && given && timingSafeEqual(digest(given), digest(token)));
}

/**
 * `GET /api/health`: 200 while the database answers, 503 when it does not, for load balancers and
 * monitors. The queue's figures only with the HEALTH_TOKEN bearer token: how busy the queue is
 * moves with notices being posted, which is not for anyone on the network to watch.
 */
export async function healthResponse(request: Request, token: string | undefined): Promise<Response> {
  const headers = { "cache-control": "no-store" };
  const started = performance.now();
  try {
    if (!bearerMatches(request, token)) {
      await db.execute(sql`SELECT 1`);
      return Response.json({ status: "ok" }, { headers });
    }
    const queue = await queueHealth();
    return Response.json({ status: "ok", databaseMs: Math.round(performance.now() - started), queue }, { headers });
  } catch {
    return Response.json({ status: "unavailable" }, { status: 503, headers });
  }
}
