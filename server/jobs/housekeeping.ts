import { db } from "~/db/index";
import { deleteDeadSessions } from "~/server/auth/sessions";
import { forgetPassedWindows } from "~/server/auth/throttle";
import { forgetFullBudgets } from "~/server/http/request-budget";

/**
 * The scheduled clean-up (every 15 minutes, one worker at a time): rows that no request can use
 * any more would otherwise stay for ever — a session per sign-in, a throttle bucket per address
 * that ever failed one, a request budget per user and address that ever sent one.
 */
export async function housekeeping(): Promise<{ sessions: number; throttleBuckets: number; requestBudgets: number }> {
  return { sessions: await deleteDeadSessions(), throttleBuckets: await forgetPassedWindows(), requestBudgets: await forgetFullBudgets(db.$client) };
}
