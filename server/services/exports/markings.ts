import { TLP_LEVELS, type Tlp } from "~/schemas/notice-enums";

/** The most restrictive marking of a file's rows (TLP_LEVELS runs from CLEAR to RED); CLEAR for an empty file. */
export function mostRestrictive(tlps: Iterable<Tlp>): Tlp {
  let most = 0;
  for (const tlp of tlps) most = Math.max(most, TLP_LEVELS.indexOf(tlp));
  return TLP_LEVELS[most]!;
}

/** How TLP 2.0 spells a marking (`amber_strict` is stored with an underscore). */
export const tlpLabel = (tlp: Tlp) => `TLP:${tlp.replace("_", "+").toUpperCase()}`;

/**
 * Whether a file may name the people of an arrest notice. An export leaves the platform (a file on
 * a desk, a partner's system), like mail does (server/email/tlp.ts): under AMBER and AMBER+STRICT,
 * which release a notice to whole organisations, their names go with it; a RED notice is for its
 * named recipients, so its file says that people were arrested and how many, never who. CLEAR and
 * GREEN never carry people (the database refuses an arrest notice so marked).
 */
export const mayNamePersons = (tlp: Tlp) => tlp === "amber" || tlp === "amber_strict";
