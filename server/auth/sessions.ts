import { and, eq, sql } from "drizzle-orm";
import { db, perPool } from "~/db/index";
import { agencies, sessions, totpCredentials, users } from "~/db/schema";
import { can, MFA_REQUIRED_ROLES, PERMISSIONS, type Permission } from "~/server/auth/permissions";
import type { Role } from "~/server/auth/roles";

export const IDLE_TIMEOUT_MINUTES = 30;
export const ABSOLUTE_TIMEOUT_HOURS = 12;
// last_seen_at is refreshed at most this often, so that reads do not each cost a write.
const TOUCH_AFTER_SECONDS = 60;

export type Viewer = {
  userId: string;
  sessionId: string;
  email: string;
  name: string;
  role: Role;
  agencyId: string;
  agencyName: { en: string; ru: string; zh: string | null };
  agencyCountryCode: string | null;
  dutyStationId: string | null;
  locale: "en" | "ru" | "zh";
  timeZone: string;
  permissions: ReadonlySet<Permission>;
  /** The address of the request being served, for the audit log. */
  ip?: string | null;
};

/**
 * A session that passed the password but not yet the second factor: it reaches the MFA step and
 * nothing else. `step` says whether the user must prove a code or first enrol an authenticator.
 */
export type PendingMfa = Pick<Viewer, "userId" | "sessionId" | "email" | "role" | "agencyId" | "ip"> & {
  step: "verify" | "enrol";
};

export type SessionState = { kind: "active"; viewer: Viewer } | { kind: "mfa"; pending: PendingMfa };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function createSession(input: {
  userId: string;
  sessionVersion: number;
  ip: string | null;
  userAgent: string | null;
  /** Only for sessions opened by trusted code (tests, the demo seed), never by a sign-in. */
  mfaVerified?: boolean;
}): Promise<string> {
  const { mfaVerified, ...values } = input;
  const [row] = await db
    .insert(sessions)
    .values({
      ...values,
      mfaVerifiedAt: mfaVerified ? sql`now()` : null,
      expiresAt: sql`now() + make_interval(hours => ${ABSOLUTE_TIMEOUT_HOURS})`,
    })
    .returning({ id: sessions.id });
  return row!.id;
}

/** Deletes the session row; returns whose it was, for the audit log. */
export async function endSession(sessionId: string): Promise<{ userId: string; agencyId: string } | null> {
  if (!UUID.test(sessionId)) return null;
  const [ended] = await db.delete(sessions).where(eq(sessions.id, sessionId)).returning({ userId: sessions.userId });
  if (!ended) return null;
  const [user] = await db.select({ agencyId: users.agencyId }).from(users).where(eq(users.id, ended.userId));
  return user ? { userId: ended.userId, agencyId: user.agencyId } : null;
}

/** A session's own life: within its absolute timeout and its idle timeout. */
const withinTimeouts = sql`(${sessions.expiresAt} > now() AND ${sessions.lastSeenAt} > now() - make_interval(mins => ${IDLE_TIMEOUT_MINUTES}))`;

/**
 * Deletes the sessions no request can use any more: past their absolute or idle timeout, or minted
 * before their user's session version was bumped. `loadSession` refuses them already; this keeps
 * them from piling up. Returns how many went.
 */
export async function deleteDeadSessions(): Promise<number> {
  const dead = await db
    .delete(sessions)
    .where(sql`NOT ${withinTimeouts} OR ${sessions.sessionVersion} <> (SELECT ${users.sessionVersion} FROM ${users} WHERE ${users.id} = ${sessions.userId})`)
    .returning({ id: sessions.id });
  return dead.length;
}

/** The signed-in user, or null: no session, a dead one, or one still waiting for its second factor. */
export async function loadViewer(sessionId: string, ip: string | null = null): Promise<Viewer | null> {
  const state = await loadSession(sessionId, ip);
  return state?.kind === "active" ? state.viewer : null;
}

/** The user's and agency's columns a viewer is made of, for a session and an API key alike. */
export const VIEWER_COLUMNS = {
  userId: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  agencyId: users.agencyId,
  agencyNameEn: agencies.nameEn,
  agencyNameRu: agencies.nameRu,
  agencyNameZh: agencies.nameZh,
  agencyCountryCode: agencies.countryCode,
  dutyStationId: users.dutyStationId,
  locale: users.locale,
  timeZone: users.timeZone,
};

type ViewerRow = Pick<Viewer, "userId" | "email" | "name" | "role" | "agencyId" | "agencyCountryCode" | "dutyStationId" | "locale" | "timeZone"> & {
  agencyNameEn: string;
  agencyNameRu: string;
  agencyNameZh: string | null;
};

/** A viewer from its row: `sessionId` names the session (or the key) it acts through, `ip` the request's address. */
export function viewerOf(row: ViewerRow, sessionId: string, ip: string | null): Viewer {
  return {
    userId: row.userId,
    sessionId,
    email: row.email,
    name: row.name,
    role: row.role,
    agencyId: row.agencyId,
    agencyName: { en: row.agencyNameEn, ru: row.agencyNameRu, zh: row.agencyNameZh },
    agencyCountryCode: row.agencyCountryCode,
    dutyStationId: row.dutyStationId,
    locale: row.locale,
    timeZone: row.timeZone,
    permissions: permissionSet(row.role),
    ip,
  };
}

// Every request runs this query: built and prepared once per pool (named, so PostgreSQL also
// keeps its plan per connection) instead of being assembled by the query builder each time.
const sessionQuery = perPool(buildSessionQuery);

function buildSessionQuery() {
  return db
    .select({
      ...VIEWER_COLUMNS,
      mfaVerified: sql<boolean>`${sessions.mfaVerifiedAt} IS NOT NULL`,
      totpEnrolled: sql<boolean>`${totpCredentials.confirmedAt} IS NOT NULL`,
      stale: sql<boolean>`${sessions.lastSeenAt} < now() - make_interval(secs => ${TOUCH_AFTER_SECONDS})`,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(agencies, eq(agencies.id, users.agencyId))
    .leftJoin(totpCredentials, eq(totpCredentials.userId, users.id))
    .where(
      and(
        eq(sessions.id, sql.placeholder("sessionId")),
        eq(sessions.sessionVersion, users.sessionVersion),
        eq(users.status, "active"),
        // A service account acts only through its API keys, never through a session.
        eq(users.serviceAccount, false),
        eq(agencies.active, true),
        withinTimeouts,
      ),
    )
    .prepare("load_session");
}

/** What each role may do, as a set: computed once per role rather than on every request. */
const permissionsOf = new Map<Role, ReadonlySet<Permission>>();
export function permissionSet(role: Role): ReadonlySet<Permission> {
  let set = permissionsOf.get(role);
  if (!set) permissionsOf.set(role, (set = new Set((Object.keys(PERMISSIONS) as Permission[]).filter((p) => can(role, p)))));
  return set;
}

/**
 * The session as the database knows it now. A session is honoured only while it is
 * within both timeouts, the user is active, their agency is active, and nothing has bumped the
 * user's session version (disable, role or agency change, new password) since it was minted.
 * Until it has passed the second factor its user has (or whose role requires one), it is only
 * pending: the enforcement lives here, in the one place every page and procedure goes through.
 */
export async function loadSession(sessionId: string, ip: string | null = null): Promise<SessionState | null> {
  if (!UUID.test(sessionId)) return null;
  const [row] = await sessionQuery().execute({ sessionId });
  if (!row) return null;
  if (row.stale)
    await db
      .update(sessions)
      .set({ lastSeenAt: sql`now()` })
      .where(eq(sessions.id, sessionId));
  if (!row.mfaVerified && (row.totpEnrolled || MFA_REQUIRED_ROLES.includes(row.role))) {
    const { userId, email, role, agencyId } = row;
    return { kind: "mfa", pending: { userId, sessionId, email, role, agencyId, ip, step: row.totpEnrolled ? "verify" : "enrol" } };
  }
  const viewer = viewerOf(row, sessionId, ip);
  return { kind: "active", viewer };
}
