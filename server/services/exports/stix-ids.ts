import { createHash } from "node:crypto";
import type { Tlp } from "~/schemas/notice-enums";

// Tianshan's own UUID namespace for STIX ids (RFC 9562 name-based, version 5). Every id is derived
// from the notice (or agency) it describes and what it is to it, so exporting the same notice
// again, from any selection, gives the same objects: a partner's MISP or OpenCTI updates rather
// than duplicates them. Changing this value would orphan every id partners hold.
const NAMESPACE = Buffer.from("6c1b3f0e9a4d4e2b8f1a7d6c5e4b3a29", "hex");

function uuidV5(name: string): string {
  const hash = createHash("sha1").update(NAMESPACE).update(name, "utf8").digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A STIX id, stable for the same `type` and `name` (e.g. `incident`, `notice:<uuid>`). */
export const stixId = (type: string, name: string) => `${type}--${uuidV5(name)}`;

/**
 * The TLP 2.0 marking definitions as OASIS publishes them (the TLP 2.0 extension of STIX 2.1,
 * cti-stix-common-objects): fixed ids and content, which consumers recognise by id.
 */
const TLP2_EXTENSION = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d";
const TLP2: Record<Tlp, { id: string; name: string; level: string }> = {
  clear: { id: "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487", name: "TLP:CLEAR", level: "clear" },
  green: { id: "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb", name: "TLP:GREEN", level: "green" },
  amber: { id: "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421", name: "TLP:AMBER", level: "amber" },
  amber_strict: { id: "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003", name: "TLP:AMBER+STRICT", level: "amber+strict" },
  red: { id: "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1", name: "TLP:RED", level: "red" },
};

export const tlpMarkingId = (tlp: Tlp) => TLP2[tlp].id;

export function tlpMarkingDefinition(tlp: Tlp) {
  const { id, name, level } = TLP2[tlp];
  return {
    type: "marking-definition",
    spec_version: "2.1",
    id,
    created: "2022-10-01T00:00:00.000Z",
    name,
    extensions: { [TLP2_EXTENSION]: { extension_type: "property-extension", tlp_2_0: level } },
  };
}
