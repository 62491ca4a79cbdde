import type { Tlp } from "~/schemas/notice-enums";

// The Traffic Light Protocol 2.0 labels are written exactly so in every language (FIRST's
// standard), so readers in any agency recognise them; they are not translated.
export const TLP_LABELS: Record<Tlp, string> = {
  clear: "TLP:CLEAR",
  green: "TLP:GREEN",
  amber: "TLP:AMBER",
  amber_strict: "TLP:AMBER+STRICT",
  red: "TLP:RED",
};

/** The marking of a notice, shown wherever the notice or a line of it is. */
export function TlpBadge({ tlp }: { tlp: Tlp }) {
  return (
    // Its colours are FIRST's, in app/globals.css (.tlp).
    <span data-tlp={tlp} className="tlp">
      {TLP_LABELS[tlp]}
    </span>
  );
}
