// The sizes of a run. `full` is issue #6's; `short` runs the same scenarios and checks, smaller,
// in CI (≤ 4 minutes on a 2-core machine, start-up included).
export type Profile = {
  name: "short" | "full";
  /** Virtual users (signed-in sessions, spread over the demo accounts without a second factor). */
  users: number;
  /** Mean pause between a user's requests, ms. */
  thinkMs: number;
  baselineSeconds: number;
  cutSeconds: number;
  /** Load before the database is stopped, while it is down, and after it is back. */
  outage: { beforeSeconds: number; downSeconds: number; afterSeconds: number };
  abuseSeconds: number;
  /** Clients sending oversized requests (at the users' pace) during the abuse scenario. */
  abusers: number;
  signInAttempts: number;
  /** The flood: concurrent searches of one user, and how long another user is measured, alone and during it. */
  flood: { connections: number; seconds: number };
  /** Users with a daily digest of every notice (the recipients of the mail scenarios). */
  subscribers: number;
  /** Notices published before each mail scenario, so that every subscriber has a digest due. */
  noticesPerDigest: number;
  timeoutMinutes: number;
};

const PROFILES: Record<Profile["name"], Profile> = {
  short: {
    name: "short",
    users: 15,
    thinkMs: 150,
    baselineSeconds: 12,
    cutSeconds: 10,
    outage: { beforeSeconds: 4, downSeconds: 8, afterSeconds: 8 },
    abuseSeconds: 12,
    abusers: 4,
    signInAttempts: 150,
    flood: { connections: 50, seconds: 6 },
    subscribers: 30,
    noticesPerDigest: 3,
    timeoutMinutes: 6,
  },
  full: {
    name: "full",
    users: 50,
    thinkMs: 500,
    baselineSeconds: 300,
    cutSeconds: 60,
    outage: { beforeSeconds: 20, downSeconds: 30, afterSeconds: 30 },
    abuseSeconds: 60,
    abusers: 10,
    signInAttempts: 5000,
    flood: { connections: 50, seconds: 20 },
    subscribers: 300,
    noticesPerDigest: 5,
    timeoutMinutes: 45,
  },
};

export function profileFromEnv(): Profile {
  const name = process.env.FAULTS_PROFILE ?? "short";
  const profile = PROFILES[name as Profile["name"]];
  if (!profile) throw new Error(`FAULTS_PROFILE must be "short" or "full", not "${name}"`);
  const timeout = Number(process.env.FAULTS_TIMEOUT_MINUTES ?? profile.timeoutMinutes);
  return { ...profile, timeoutMinutes: timeout };
}
