import { z } from "zod";
import { AGENCY_COUNTRIES, AGENCY_KINDS } from "./agency-enums";
import { ref, string, text } from "./fields";

const AGENCY_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

// The identifier appears in URLs, audit entries and users' records, so it is fixed at creation.
const ZAgencyId = string()
  .min(3)
  .max(64)
  .refine((id) => AGENCY_ID.test(id), { error: "agencyIdFormat" });
// Naming an existing agency: whatever does not exist is simply not found.
const ZAgencyRef = ref();

const ZCountryCode = string().regex(/^[A-Z]{2}$/);
const name = text(300).min(1);
// Chinese names are known for some agencies only; the reader then sees the English one. A form
// leaves an empty field out.
const optionalName = text(300)
  .nullish()
  .transform((value) => value || null);

const details = {
  kind: z.enum(AGENCY_KINDS),
  nameEn: name,
  nameRu: name,
  nameZh: optionalName,
  shortName: text(64).min(1),
};

export const ZAgencyCreate = z
  .strictObject({
    id: ZAgencyId,
    // A form leaves an unchosen country out: an international body, or a national agency's seat.
    countryCode: z.enum(AGENCY_COUNTRIES).nullable().default(null),
    // Only asked for international bodies: a national agency sits in its own country.
    seatCountryCode: ZCountryCode.nullable().default(null),
    ...details,
  })
  .refine((agency) => agency.countryCode !== null || agency.seatCountryCode !== null, { error: "required", path: ["seatCountryCode"] });

export const ZAgencyUpdate = z.strictObject({ id: ZAgencyRef, ...details });

export const ZAgencySetActive = z.strictObject({ id: ZAgencyRef, active: z.boolean() });
