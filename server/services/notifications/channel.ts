/**
 * The PostgreSQL NOTIFY channel that tells every app instance "these users have new in-app
 * notifications". The payload names users, not rows: each instance wakes only the streams it
 * holds, and each stream reads its rows through the visibility rule itself.
 */
export const NOTIFICATIONS_CHANNEL = "tianshan_notifications";

/**
 * The channel that says "a notice was released to the feed", with no payload: which notice, and
 * to whom it is visible, is for each open feed page to read through the visibility rule, so the
 * signal itself tells nothing about a notice its listeners may not read.
 */
export const NEW_NOTICES_CHANNEL = "tianshan_new_notices";

// NOTIFY payloads are capped at 8000 bytes; a uuid costs 39 bytes in the JSON array below.
const USERS_PER_SIGNAL = 150;

export function encodeSignals(userIds: string[]): string[] {
  const payloads: string[] = [];
  for (let i = 0; i < userIds.length; i += USERS_PER_SIGNAL) payloads.push(JSON.stringify(userIds.slice(i, i + USERS_PER_SIGNAL)));
  return payloads;
}

/** The users a signal names; nothing for a payload that is not one of ours. */
export function decodeSignal(payload: string): string[] {
  try {
    const parsed: unknown = JSON.parse(payload);
    return Array.isArray(parsed) ? parsed.filter((u): u is string => typeof u === "string") : [];
  } catch {
    return [];
  }
}
