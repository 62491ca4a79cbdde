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

// FIRST's colours (RED #FF2B2B, AMBER #FFC000, GREEN #33FF00, CLEAR white); black text keeps
// every one of them readable (contrast ≥ 6:1).
const STYLES: Record<Tlp, string> = {
  clear: "border-black bg-white",
  green: "border-[#33FF00] bg-[#33FF00]",
  amber: "border-[#FFC000] bg-[#FFC000]",
  amber_strict: "border-[#FFC000] bg-[#FFC000]",
  red: "border-[#FF2B2B] bg-[#FF2B2B]",
};

/** The marking of a notice, shown wherever the notice or a line of it is. */
export function TlpBadge({ tlp }: { tlp: Tlp }) {
  return (
    <span data-tlp={tlp} className={`inline-block whitespace-nowrap rounded border px-1.5 py-0.5 font-mono text-xs font-bold text-black ${STYLES[tlp]}`}>
      {TLP_LABELS[tlp]}
    </span>
  );
}
