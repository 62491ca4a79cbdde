import "server-only";
import { getTranslations } from "next-intl/server";
import { LABEL_AT, MAP_HEIGHT, MAP_WIDTH, place, regionGeography } from "./geography";

export type CrossingStatus = "open" | "seasonal" | "closed";

/** What the map shows of a crossing: names already in the reader's language, the viewer's own count. */
export type MapCrossing = { id: string; name: string; status: CrossingStatus; latitude: number | null; longitude: number | null; notices: number };

// Status is told by shape and colour together (never colour alone); white or near-black text on
// each fill keeps the count readable (contrast ≥ 4.5:1).
const FILL: Record<CrossingStatus, { fill: string; text: string }> = {
  open: { fill: "#15803d", text: "#ffffff" },
  seasonal: { fill: "#fbbf24", text: "#1c1917" },
  closed: { fill: "#b91c1c", text: "#ffffff" },
};

/** A marker's size: its area grows with the count, so a busy crossing does not hide its neighbours entirely. */
const radius = (notices: number) => (notices === 0 ? 5 : Math.min(22, 8 + 2.2 * Math.sqrt(notices)));

export function StatusShape({ status, r, x = 0, y = 0 }: { status: CrossingStatus; r: number; x?: number; y?: number }) {
  const { fill } = FILL[status];
  const stroke = { fill, stroke: "#ffffff", strokeWidth: 1.5 };
  if (status === "open") return <circle cx={x} cy={y} r={r} {...stroke} />;
  if (status === "seasonal") return <path d={`M${x},${y - r * 1.25}L${x + r * 1.25},${y}L${x},${y + r * 1.25}L${x - r * 1.25},${y}Z`} {...stroke} />;
  return <rect x={x - r} y={y - r} width={r * 2} height={r * 2} {...stroke} />;
}

/**
 * The crossings of the reference data on a map of the region, drawn on the server as SVG: the
 * borders (world-atlas, projected once per process), each crossing marked by its status and the
 * number of notices the viewer may read there, each marker a link to the crossing's page. No
 * tiles, no script: it works offline and without JavaScript. The caller passes the viewer's counts.
 */
export async function CrossingMap({ crossings, countryNames, title }: { crossings: MapCrossing[]; countryNames: Record<string, string>; title: string }) {
  const [t, status] = await Promise.all([getTranslations("picture.map"), getTranslations("reference.status")]);
  const placed = crossings
    .flatMap((c) => {
      const xy = c.latitude !== null && c.longitude !== null ? place(c.longitude, c.latitude) : null;
      return xy ? [{ ...c, x: xy[0], y: xy[1], r: radius(c.notices) }] : [];
    })
    // The largest first, so that a smaller neighbour is drawn over it and stays reachable.
    .sort((a, b) => b.r - a.r);
  return (
    <svg viewBox={`0 0 ${MAP_WIDTH} ${MAP_HEIGHT}`} className="h-auto w-full rounded-lg border border-slate-200 bg-sky-50" aria-labelledby="crossing-map-title">
      <title id="crossing-map-title">{title}</title>
      <g aria-hidden="true">
        {regionGeography().map((country, i) => (
          <path key={country.code ?? i} d={country.d} fill={country.member ? "#e2e8f0" : "#f8fafc"} stroke="#94a3b8" strokeWidth={0.8} />
        ))}
        {Object.entries(LABEL_AT).map(([code, [lon, lat]]) => {
          const xy = place(lon, lat);
          return xy && countryNames[code] ? (
            <text key={code} x={xy[0]} y={xy[1]} textAnchor="middle" fontSize={15} fill="#475569" className="uppercase tracking-wider">
              {countryNames[code]}
            </text>
          ) : null;
        })}
      </g>
      {placed.map((c) => (
        <a key={c.id} href={`/crossings/${c.id}`} aria-label={t("marker", { name: c.name, count: c.notices, status: status(c.status) })}>
          <title>{t("marker", { name: c.name, count: c.notices, status: status(c.status) })}</title>
          <StatusShape status={c.status} r={c.r} x={c.x} y={c.y} />
          {c.notices > 0 ? (
            <text x={c.x} y={c.y} dy="0.35em" textAnchor="middle" fontSize={11} fontWeight={600} fill={FILL[c.status].text}>
              {c.notices}
            </text>
          ) : null}
        </a>
      ))}
    </svg>
  );
}

/** The legend, in HTML beside the map: each status's shape and name, and what the size says. */
export async function CrossingMapLegend() {
  const [t, status] = await Promise.all([getTranslations("picture.map"), getTranslations("reference.status")]);
  return (
    <ul className="mt-2 flex flex-wrap items-center gap-x-4 gap-y-1 text-sm text-slate-700">
      {(["open", "seasonal", "closed"] as const).map((s) => (
        <li key={s} className="flex items-center gap-1.5">
          <svg viewBox="-8 -8 16 16" className="h-4 w-4" aria-hidden="true">
            <StatusShape status={s} r={5.5} />
          </svg>
          {status(s)}
        </li>
      ))}
      <li>{t("sizeLegend")}</li>
    </ul>
  );
}

/** The map with its legend as a figure, titled with its period (the map page, the coordinator's home). */
export async function CrossingMapFigure({
  crossings,
  countryNames,
  period,
}: {
  crossings: MapCrossing[];
  countryNames: Record<string, string>;
  period: { from: string; to: string };
}) {
  const t = await getTranslations("picture.map");
  return (
    <figure className="min-w-0">
      <CrossingMap crossings={crossings} countryNames={countryNames} title={t("svgTitle", period)} />
      <figcaption>
        <CrossingMapLegend />
      </figcaption>
    </figure>
  );
}
