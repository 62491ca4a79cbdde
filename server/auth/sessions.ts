import { and, eq, sql } from "drizzle-orm";
import { db } from "~/db/index";
import { agencies, sessions, users } from "~/db/schema";
import { can, PERMISSIONS, type Permission } from "~/server/auth/permissions";
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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function createSession(input: {
  userId: string;
  sessionVersion: number;
  ip: string | null;
  userAgent: string | null;
}): Promise<string> {
  const [row] = await db
    .insert(sessions)
    .values({
      ...input,
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

/**
 * The signed-in user as the database knows them now. A session is honoured only while it is
 * within both timeouts, the user is active, their agency is active, and nothing has bumped the
 * user's session version (disable, role or agency change, new password) since it was minted.
 */
export async function loadViewer(sessionId: string, ip: string | null = null): Promise<Viewer | null> {
  if (!UUID.test(sessionId)) return null;
  const [row] = await db
    .select({
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
      stale: sql<boolean>`${sessions.lastSeenAt} < now() - make_interval(secs => ${TOUCH_AFTER_SECONDS})`,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(agencies, eq(agencies.id, users.agencyId))
    .where(
      and(
        eq(sessions.id, sessionId),
        eq(sessions.sessionVersion, users.sessionVersion),
        eq(users.status, "active"),
        eq(agencies.active, true),
        sql`${sessions.expiresAt} > now()`,
        sql`${sessions.lastSeenAt} > now() - make_interval(mins => ${IDLE_TIMEOUT_MINUTES})`,
      ),
    );
  if (!row) return null;
  if (row.stale) await db.update(sessions).set({ lastSeenAt: sql`now()` }).where(eq(sessions.id, sessionId));
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
    permissions: new Set((Object.keys(PERMISSIONS) as Permission[]).filter((p) => can(row.role, p))),
    ip,
  };
}
