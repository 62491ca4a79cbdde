import { geoConicEqualArea, geoPath, type GeoProjection } from "d3-geo";
import countryCodes from "i18n-iso-countries";
import { feature } from "topojson-client";
import { presimplify, simplify } from "topojson-simplify";
import type { GeometryCollection, Topology } from "topojson-specification";
import world from "world-atlas/countries-50m.json";

// The map's frame: Kazakhstan to the Caspian, Kyrgyzstan, Tajikistan, Xinjiang, and the edges of
// their neighbours (Uzbekistan, Turkmenistan, Afghanistan, Pakistan, Russia, Mongolia), in SVG user units.
export const MAP_WIDTH = 960;
export const MAP_HEIGHT = 600;
const FRAME: [number, number][] = [
  [48, 33],
  [96, 33],
  [96, 55.5],
  [48, 55.5],
  [72, 56],
  [72, 32.5],
];

// Where a country's name is written (longitude, latitude): inside its part of the frame.
export const LABEL_AT: Record<string, [number, number]> = {
  KZ: [67, 48.3],
  KG: [74.6, 41.9],
  TJ: [70.6, 38.9],
  CN: [86, 40.5],
  UZ: [63.3, 41.6],
  TM: [58.8, 39.2],
  AF: [66.5, 34.6],
  RU: [84, 54.2],
  MN: [93.5, 47.5],
  PK: [71.5, 33.6],
};
export const MEMBER_COUNTRIES = ["KZ", "KG", "TJ", "CN"] as const;

// A conic equal-area projection centred on the region: shapes and areas as the region's own
// maps draw them, without Mercator's stretching towards the north of Kazakhstan.
const projection: GeoProjection = geoConicEqualArea()
  .parallels([36, 52])
  .rotate([-72, 0])
  .fitExtent(
    [
      [4, 4],
      [MAP_WIDTH - 4, MAP_HEIGHT - 4],
    ],
    { type: "MultiPoint", coordinates: FRAME },
  )
  // Everything outside the frame is cut on the server: the page carries only the region.
  .clipExtent([
    [0, 0],
    [MAP_WIDTH, MAP_HEIGHT],
  ]);

// One decimal of a unit is a tenth of a pixel at full width: finer digits only add bytes.
const path = geoPath(projection).digits(1);

// Visvalingam's simplification: a point goes when the triangle it makes with its neighbours is
// smaller than this, in square degrees (about 4 px² at full width): the borders keep their shape
// and weigh ~20 KB instead of ~130 KB (measured in geography.test.ts).
const MIN_WEIGHT = 1e-2;

type Countries = Topology<{ countries: GeometryCollection<{ name: string }> }>;

/** Every country with land in the frame: its ISO code (null for a territory without one) and its outline, cut to the frame. */
export type Geography = { code: string | null; member: boolean; d: string }[];

function build(): Geography {
  const topology = simplify(presimplify(world as unknown as Countries), MIN_WEIGHT) as Countries;
  return feature(topology, topology.objects.countries).features.flatMap((f) => {
    const d = path(f);
    if (!d) return [];
    const code = countryCodes.numericToAlpha2(String(f.id)) ?? null;
    return [{ code, member: (MEMBER_COUNTRIES as readonly (string | null)[]).includes(code), d }];
  });
}

// The borders do not change while the process runs: projected once, on first use.
let geography: Geography | null = null;
export const regionGeography = (): Geography => (geography ??= build());

/** A point's place on the map, or null when it lies outside the frame. */
export function place(longitude: number, latitude: number): [number, number] | null {
  const xy = projection([longitude, latitude]);
  if (!xy) return null;
  const [x, y] = xy;
  return x >= 0 && x <= MAP_WIDTH && y >= 0 && y <= MAP_HEIGHT ? [Math.round(x * 10) / 10, Math.round(y * 10) / 10] : null;
}
