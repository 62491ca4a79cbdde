import { ServiceError } from "~/server/services/errors";

/**
 * A page boundary of the feed and search: the sort timestamp and id of the last notice shown.
 * Timestamps are stored at millisecond precision, so a Date carries the stored value exactly and
 * the next page starts right after that notice, whatever was inserted since.
 */
export type Cursor = { at: Date; id: string };

const PAYLOAD = /^(\d{1,15})\.([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

export function encodeCursor({ at, id }: Cursor): string {
  return Buffer.from(`${at.getTime()}.${id}`, "utf8").toString("base64url");
}

/** The cursor a client sent back; anything that is not one of ours is refused, never guessed at. */
export function decodeCursor(cursor: string): Cursor {
  const match = /^[A-Za-z0-9_-]{1,200}$/.test(cursor) ? PAYLOAD.exec(Buffer.from(cursor, "base64url").toString("utf8")) : null;
  const at = match ? new Date(Number(match[1])) : null;
  if (!match || !at || Number.isNaN(at.getTime())) throw new ServiceError("INVALID", "invalid", "cursor");
  return { at, id: match[2]! };
}
