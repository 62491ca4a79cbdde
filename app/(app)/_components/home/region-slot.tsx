/**
 * SLOT (issue 18): the region's picture on the coordinator's home — the map of the crossings and the
 * trends, built beside this work (branch picture18). The lead puts them here when merging; until
 * then the home shows nothing in their place.
 */
export function RegionSlot() {
  return null;
}
