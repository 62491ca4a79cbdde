import type { Viewer } from "~/server/auth/sessions";
import type { NoticeSnapshot } from "~/server/services/notices/snapshot";
import { loadNoticeForSummary, type ExportSet } from "./select";

const UNIT_WORDS: Record<string, string> = { g: "g", kg: "kg", t: "t", mL: "mL", L: "L", barrel: "barrels", unit: "units" };

/**
 * A seizure as the fields an officer types into INCB's PICS (Precursors Incident Communication
 * System), in English, PICS's working language: date, place, substance, quantity, modus operandi,
 * origin, destination, companies involved. Null for notices that are not seizures.
 */
export function picsSummary(n: NoticeSnapshot, countryName: ExportSet["countryName"], companies: string[]): string | null {
  const s = n.seizure;
  if (!s) return null;
  const countries = (codes: string[]) => (codes.length ? codes.map((code) => `${countryName(code)} (${code})`).join(", ") : "unknown");
  const place = [n.crossing?.names.en ?? n.placeText, countryName(n.countryCode)].filter(Boolean).join(", ");
  const items = s.items.map((item) => {
    const what = item.substance?.en ?? `unidentified substance${item.description ? ` (${item.description})` : ""}`;
    const mass = item.massKg !== null && item.unit !== "kg" ? ` (${item.massKg} kg)` : "";
    return { what, quantity: `${item.quantity} ${UNIT_WORDS[item.unit] ?? item.unit}${mass}` };
  });
  const modus = [
    s.concealment,
    s.declaredAs ? `declared as ${s.declaredAs}${s.declaredHsCode ? ` (HS ${s.declaredHsCode})` : ""}` : null,
    s.conveyance ? `conveyance: ${s.conveyance.replaceAll("_", " ")}${s.conveyanceIds.length ? ` (${s.conveyanceIds.join(", ")})` : ""}` : null,
  ].filter(Boolean);
  return [
    `Date of seizure: ${n.occurredOn}`,
    `Place of seizure: ${place || "unknown"}`,
    `Substance: ${items.map((item) => item.what).join("; ")}`,
    `Quantity: ${items.map((item) => item.quantity).join("; ")}`,
    `Modus operandi: ${modus.join("; ") || "not reported"}`,
    `Country of origin: ${countries(s.originCountries)}`,
    ...(s.transitCountries.length ? [`Countries of transit: ${countries(s.transitCountries)}`] : []),
    `Country of destination: ${countries(s.destinationCountries)}`,
    `Companies involved: ${companies.length ? companies.join("; ") : "none reported"}`,
    `Reporting agency: ${n.agency.names.en}`,
    `Reference: Tianshan notice ${n.id}`,
  ].join("\n");
}

/** The PICS summary of a seizure notice the viewer may read (null for other kinds). */
export async function noticePicsSummary({ viewer, input }: { viewer: Viewer; input: { id: string } }) {
  const { notice, countryName, companies } = await loadNoticeForSummary(viewer, input.id);
  return { text: picsSummary(notice, countryName, companies) };
}
