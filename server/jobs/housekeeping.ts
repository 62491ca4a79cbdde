import { deleteDeadSessions } from "~/server/auth/sessions";
import { forgetPassedWindows } from "~/server/auth/throttle";

/**
 * The scheduled clean-up (every 15 minutes, one worker at a time): rows that no request can use
 * any more would otherwise stay for ever — a session per sign-in, a throttle bucket per address
 * that ever failed one.
 */
export async function housekeeping(): Promise<{ sessions: number; throttleBuckets: number }> {
  return { sessions: await deleteDeadSessions(), throttleBuckets: await forgetPassedWindows() };
}
