import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "~/db/index";
import { agencies, users } from "~/db/schema";
import type { Role } from "~/server/auth/roles";
import { MFA_REQUIRED_ROLES } from "~/server/auth/permissions";
import { createUser, DEMO_TOTP_SECRET, enrolAuthenticator } from "./factories";
import { seedHistoricalSeizures } from "./historical";
import { seedDemoNotices } from "./notices";

type DemoUser = { email: string; name: string; agencyId: string; role: Role; dutyStationId?: string; locale?: "en" | "ru" | "zh"; timeZone: string };

export const DEMO_USERS: DemoUser[] = [
  { email: "kg.analyst@example.org", name: "Aibek Toktogulov", agencyId: "kg-mvd-sbnon", role: "analyst", locale: "ru", timeZone: "Asia/Bishkek" },
  { email: "kz.chief@example.org", name: "Dana Seitkali", agencyId: "kz-sgd-customs", role: "chief", dutyStationId: "khorgos", timeZone: "Asia/Almaty" },
  { email: "tj.chief@example.org", name: "Farrukh Nazarov", agencyId: "tj-customs", role: "chief", dutyStationId: "kulma", timeZone: "Asia/Dushanbe" },
  { email: "cn.liaison@example.org", name: "Li Wei", agencyId: "cn-nncc", role: "analyst", locale: "zh", timeZone: "Asia/Shanghai" },
  { email: "unodc.coordinator@example.org", name: "Elena Petrova", agencyId: "unodc-roca", role: "coordinator", timeZone: "Asia/Tashkent" },
  { email: "admin@example.org", name: "Platform Administrator", agencyId: "unodc-roca", role: "admin", timeZone: "Asia/Almaty" },
  { email: "kz.agencyadmin@example.org", name: "Nurlan Abenov", agencyId: "kz-sgd-customs", role: "agency_admin", timeZone: "Asia/Almaty" },
  {
    email: "kz.officer@example.org",
    name: "Aigerim Bekova",
    agencyId: "kz-sgd-customs",
    role: "analyst",
    dutyStationId: "dostyk",
    locale: "ru",
    timeZone: "Asia/Almaty",
  },
];

/**
 * The demo accounts (password DEMO_PASSWORD), then the demo notices. Accounts that exist are
 * left as they are. The notices are written through the notices service, which uses the
 * application's connection: `db` must be that connection (db/index).
 */
export async function seedDemo(db: DbOrTx): Promise<void> {
  // The demo's Chinese liaison needs its agency enabled; the other Chinese agencies stay off.
  await db
    .update(agencies)
    .set({ active: true })
    .where(and(eq(agencies.id, "cn-nncc"), eq(agencies.active, false)));
  for (const user of DEMO_USERS) {
    const [existing] = await db
      .select({ id: users.id })
      .from(users)
      .where(sql`lower(${users.email}) = ${user.email}`);
    const id = existing?.id ?? (await createUser(db, user)).id;
    // Roles that cannot do without a second factor get the published demo authenticator.
    if (MFA_REQUIRED_ROLES.includes(user.role)) await enrolAuthenticator(db, id, DEMO_TOTP_SECRET);
  }
  await seedHistoricalSeizures();
  await seedDemoNotices();
}
