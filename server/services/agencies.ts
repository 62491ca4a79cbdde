import { and, eq, ne, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { z } from "zod";
import { db } from "~/db/index";
import { agencies, countries, users } from "~/db/schema";
import { AGENCY_COUNTRIES } from "~/schemas/agency-enums";
import type { ZAgencyCreate, ZAgencySetActive, ZAgencyUpdate } from "~/schemas/agencies";
import type { Viewer } from "~/server/auth/sessions";
import { audit } from "~/server/services/audit";
import { notFound, ServiceError } from "~/server/services/errors";

type Names = { en: string; ru: string; zh: string | null };
type Country = { code: string; name: Names };
type DirectoryAgency = { id: string; kind: (typeof agencies.$inferSelect)["kind"]; shortName: string; name: Names; seat: Country | null };

const home = alias(countries, "home_country");
const seat = alias(countries, "seat_country");

const countryOf = (code: string | null, en: string | null, ru: string | null, zh: string | null): Country | null =>
  code && en && ru ? { code, name: { en, ru, zh } } : null;

// Member countries in their fixed order, any other country after them, international bodies last.
const groupRank = (code: string | null) => {
  if (code === null) return AGENCY_COUNTRIES.length + 1;
  const index = (AGENCY_COUNTRIES as readonly string[]).indexOf(code);
  return index === -1 ? AGENCY_COUNTRIES.length : index;
};

/** The active member agencies, grouped by country; international bodies form the last group. */
export async function listDirectory() {
  const rows = await db
    .select({
      id: agencies.id,
      kind: agencies.kind,
      shortName: agencies.shortName,
      nameEn: agencies.nameEn,
      nameRu: agencies.nameRu,
      nameZh: agencies.nameZh,
      countryCode: agencies.countryCode,
      countryEn: home.nameEn,
      countryRu: home.nameRu,
      countryZh: home.nameZh,
      seatCode: agencies.seatCountryCode,
      seatEn: seat.nameEn,
      seatRu: seat.nameRu,
      seatZh: seat.nameZh,
    })
    .from(agencies)
    .leftJoin(home, eq(home.code, agencies.countryCode))
    .leftJoin(seat, eq(seat.code, agencies.seatCountryCode))
    .where(eq(agencies.active, true))
    .orderBy(agencies.id);

  const groups = new Map<string | null, { country: Country | null; agencies: DirectoryAgency[] }>();
  for (const row of rows) {
    const group = groups.get(row.countryCode) ?? { country: countryOf(row.countryCode, row.countryEn, row.countryRu, row.countryZh), agencies: [] };
    groups.set(row.countryCode, group);
    group.agencies.push({
      id: row.id,
      kind: row.kind,
      shortName: row.shortName,
      name: { en: row.nameEn, ru: row.nameRu, zh: row.nameZh },
      // A national agency sits in its own country; only an international body's seat says anything.
      seat: row.countryCode === null ? countryOf(row.seatCode, row.seatEn, row.seatRu, row.seatZh) : null,
    });
  }
  return [...groups.entries()].sort(([a], [b]) => groupRank(a) - groupRank(b) || (a ?? "").localeCompare(b ?? "")).map(([, group]) => group);
}

/** Every agency, active or not, with how many users it has, for the administrators' list. */
export async function listAgencies() {
  const rows = await db
    .select({
      id: agencies.id,
      countryCode: agencies.countryCode,
      seatCountryCode: agencies.seatCountryCode,
      kind: agencies.kind,
      nameEn: agencies.nameEn,
      nameRu: agencies.nameRu,
      nameZh: agencies.nameZh,
      shortName: agencies.shortName,
      active: agencies.active,
      preModerated: agencies.preModerated,
      userCount: db.$count(users, eq(users.agencyId, agencies.id)),
    })
    .from(agencies)
    .orderBy(sql`${agencies.countryCode} NULLS LAST`, agencies.id);
  return rows.map(({ nameEn, nameRu, nameZh, ...row }) => ({ ...row, name: { en: nameEn, ru: nameRu, zh: nameZh } }));
}

/** The countries an agency form offers: members as an agency's country, any as an international body's seat. */
export async function listCountries() {
  const rows = await db.select().from(countries).orderBy(countries.code);
  return rows.map((row) => ({ code: row.code, isMember: row.isMember, name: { en: row.nameEn, ru: row.nameRu, zh: row.nameZh } }));
}

const actorOf = (viewer: Viewer) => ({ userId: viewer.userId, agencyId: viewer.agencyId });

export async function createAgency({ viewer, input }: { viewer: Viewer; input: z.output<typeof ZAgencyCreate> }) {
  const seatCountryCode = input.countryCode ?? input.seatCountryCode;
  return db.transaction(async (tx) => {
    if (input.countryCode === null) {
      const known = seatCountryCode !== null && (await tx.$count(countries, eq(countries.code, seatCountryCode))) > 0;
      if (!known) throw new ServiceError("INVALID", "unknownCountry", "seatCountryCode");
    }
    const values = { ...input, seatCountryCode };
    // The primary key decides a race between two administrators choosing the same identifier.
    const [created] = await tx.insert(agencies).values(values).onConflictDoNothing({ target: agencies.id }).returning({ id: agencies.id });
    if (!created) throw new ServiceError("CONFLICT", "agencyIdTaken", "id");
    await audit(tx, { action: "agency.create", actor: actorOf(viewer), target: { type: "agency", id: created.id }, details: values });
    return created;
  });
}

export async function updateAgency({ viewer, input }: { viewer: Viewer; input: z.output<typeof ZAgencyUpdate> }) {
  const { id, ...next } = input;
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select({ kind: agencies.kind, nameEn: agencies.nameEn, nameRu: agencies.nameRu, nameZh: agencies.nameZh, shortName: agencies.shortName })
      .from(agencies)
      .where(eq(agencies.id, id))
      .for("update");
    if (!current) throw notFound();
    const changed = (Object.keys(next) as (keyof typeof next)[]).filter((field) => next[field] !== current[field]);
    if (changed.length > 0) {
      await tx.update(agencies).set(next).where(eq(agencies.id, id));
      await audit(tx, {
        action: "agency.update",
        actor: actorOf(viewer),
        target: { type: "agency", id },
        details: Object.fromEntries(changed.map((field) => [field, { from: current[field], to: next[field] }])),
      });
    }
    return { id, changed };
  });
}

/**
 * Switches an agency on or off. Switching it off also ends every session of its users at their
 * next request, in the same transaction, so that nobody keeps working for an agency that has left.
 */
export async function setAgencyActive({ viewer, input }: { viewer: Viewer; input: z.output<typeof ZAgencySetActive> }) {
  // Deactivating one's own agency would lock the administrator out along with it.
  if (!input.active && input.id === viewer.agencyId) throw new ServiceError("INVALID", "ownAgencyDeactivation");
  return db.transaction(async (tx) => {
    const [updated] = await tx
      .update(agencies)
      .set({ active: input.active })
      .where(and(eq(agencies.id, input.id), ne(agencies.active, input.active)))
      .returning({ id: agencies.id });
    if (!updated) {
      if ((await tx.$count(agencies, eq(agencies.id, input.id))) === 0) throw notFound();
      return { id: input.id, changed: false };
    }
    let usersSignedOut: number | undefined;
    if (!input.active) {
      const bumped = await tx
        .update(users)
        .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
        .where(eq(users.agencyId, input.id))
        .returning({ id: users.id });
      usersSignedOut = bumped.length;
    }
    await audit(tx, {
      action: input.active ? "agency.activate" : "agency.deactivate",
      actor: actorOf(viewer),
      target: { type: "agency", id: input.id },
      details: { active: input.active, usersSignedOut },
    });
    return { id: input.id, changed: true };
  });
}
