import { ServiceError } from "~/server/services/errors";

// What an error may put in a log. Messages never: drizzle's carries the SQL and every parameter
// (titles, narratives, emails), PostgreSQL's can quote a value ("invalid input syntax for type
// uuid: …") and its detail the whole failing row. Identifiers and codes say where and what.
const SAFE_FIELDS = ["code", "constraint_name", "table_name", "column_name", "data_type_name", "routine", "responseCode", "command"] as const;

// SQLSTATE, Node's and postgres.js's codes (ECONNREFUSED, CONNECTION_CLOSED), SMTP's (EENVELOPE):
// words and digits only, so a code field can never smuggle text in.
const IDENTIFIER = /^[A-Za-z0-9_.$-]{1,64}$/;

function safeFields(error: Error): string[] {
  const fields: string[] = [];
  for (const field of SAFE_FIELDS) {
    const value = (error as unknown as Record<string, unknown>)[field];
    if ((typeof value === "string" && IDENTIFIER.test(value)) || typeof value === "number") fields.push(`${field}=${value}`);
  }
  if (error instanceof ServiceError) fields.push(`kind=${error.kind}`, `key=${error.key}`);
  return fields;
}

/** The stack's frames without its first line, which repeats the message; none if it cannot be told apart. */
function framesOf(error: Error, limit: number): string[] {
  const header = `${error.name}: ${error.message}`;
  if (typeof error.stack !== "string" || !error.stack.startsWith(header)) return [];
  return error.stack
    .slice(header.length)
    .split("\n")
    .filter((line) => /^\s+at /.test(line))
    .slice(0, limit)
    .map((line) => line.trim());
}

/**
 * One line about an error and everything that caused it, for a log: each error's class and its
 * codes and identifiers (SQLSTATE, constraint, table, column), then where it was thrown. Never a
 * message, a query, a parameter or a detail, so no notice content or personal data reaches a log.
 */
export function errorSummary(error: unknown, { frames: frameLimit = 5 } = {}): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current instanceof Error && depth < 8; current = current.cause, depth += 1) {
    parts.push([current.constructor.name, ...safeFields(current)].join(" "));
  }
  if (current !== undefined && current !== null && !(current instanceof Error)) parts.push(typeof current);
  const frames = error instanceof Error && frameLimit > 0 ? framesOf(error, frameLimit) : [];
  return parts.join(" <- ") + (frames.length ? ` | ${frames.join(" | ")}` : "");
}

/**
 * Stands in for an error once it is logged, so that whatever logs it again (Next.js prints what a
 * server component or action throws, with its causes) prints the summary, not the original.
 */
export class LoggedError extends Error {
  constructor(readonly summary: string) {
    super(summary);
    this.name = "LoggedError";
  }
}

/** Logs a failure with the ids that find it again (request id, job id, procedure) and its summary. */
export function logError(scope: string, error: unknown, ids: Record<string, string | number | null | undefined> = {}): LoggedError {
  const summary = errorSummary(error);
  const context = Object.entries(ids)
    .filter(([, value]) => value !== undefined && value !== null)
    .map(([key, value]) => `${key}=${value}`)
    .join(" ");
  console.error(`[${scope}]${context ? ` ${context}` : ""} ${summary}`);
  return new LoggedError(summary);
}
