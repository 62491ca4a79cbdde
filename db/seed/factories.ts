import { randomUUID } from "node:crypto";
import type { DbOrTx } from "~/db/index";
import { agencies, totpCredentials, users } from "~/db/schema";
import { encryptSecret } from "~/server/auth/mfa-crypto";
import { hashPassword } from "~/server/auth/password";
import type { Role } from "~/server/auth/roles";

// Shared by the demo seed, the integration tests and the e2e fixtures, so all three build
// records the same way the application does.

export const DEMO_PASSWORD = "precursor-demo-2026";
// The authenticator secret (base32) of the demo accounts whose role requires a second factor, and
// of test users created with `totpSecret`. Published like the demo password: demo data only.
export const DEMO_TOTP_SECRET = "KRUWC3TTNBQW4LLEMVWW6LLUN52HALLTMVRXEZLU";

type NewUser = {
  email?: string;
  name?: string;
  agencyId: string;
  role: Role;
  password?: string | null;
  status?: "invited" | "active" | "disabled";
  dutyStationId?: string | null;
  locale?: "en" | "ru" | "zh";
  timeZone?: string;
  /** An authenticator already enrolled with this secret, as if the user had scanned it. */
  totpSecret?: string;
};

/** Enrols an authenticator with a known secret, unless the user already has one. */
export async function enrolAuthenticator(db: DbOrTx, userId: string, secret: string) {
  await db
    .insert(totpCredentials)
    .values({ userId, secretCiphertext: encryptSecret(secret, userId), confirmedAt: new Date() })
    .onConflictDoNothing();
}

export async function createUser(db: DbOrTx, input: NewUser) {
  const email = (input.email ?? `user-${randomUUID()}@test.example.org`).toLowerCase();
  const password = input.password === undefined ? DEMO_PASSWORD : input.password;
  const [user] = await db
    .insert(users)
    .values({
      email,
      name: input.name ?? email.split("@")[0]!,
      agencyId: input.agencyId,
      role: input.role,
      status: input.status ?? "active",
      passwordHash: password === null ? null : await hashPassword(password),
      dutyStationId: input.dutyStationId ?? null,
      locale: input.locale ?? "en",
      timeZone: input.timeZone ?? "Asia/Almaty",
    })
    .returning();
  if (input.totpSecret) await enrolAuthenticator(db, user!.id, input.totpSecret);
  return { ...user!, password };
}

export async function createAgency(db: DbOrTx, input: Partial<typeof agencies.$inferInsert> = {}) {
  const id = input.id ?? `test-${randomUUID().slice(0, 8)}`;
  const [agency] = await db
    .insert(agencies)
    .values({
      id,
      countryCode: "KZ",
      seatCountryCode: input.countryCode ?? "KZ",
      kind: "customs",
      nameEn: `Test agency ${id}`,
      nameRu: `Тестовое ведомство ${id}`,
      shortName: id.toUpperCase(),
      ...input,
    })
    .returning();
  return agency!;
}
