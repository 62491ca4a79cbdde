import type { ExportSelection } from "~/schemas/exports";
import type { Viewer } from "~/server/auth/sessions";
import { mostRestrictive } from "./markings";
import { loadExportSet, type ExportSet } from "./select";
import { stixId, tlpMarkingDefinition } from "./stix-ids";
import { agencyObject, compact, mainObjectId, noticeObjects, platformObjects, type StixObject } from "./stix-objects";

/**
 * A STIX 2.1 bundle of the notices a viewer may read in a selection: each notice's objects under
 * its own TLP 2.0 marking, the marking definitions used, the agencies that wrote them, Tianshan's
 * extension definition, and a `related-to` relationship for each link between two exported
 * notices. Every object id is derived from the notice, so a re-export gives the same ids.
 */
export function stixBundle(set: ExportSet) {
  const objects = new Map<string, StixObject>();
  const add = (object: StixObject) => objects.set(object.id, object);
  for (const object of platformObjects()) add(object);
  for (const tlp of new Set(set.notices.map((n) => n.tlp))) add(tlpMarkingDefinition(tlp));
  const byId = new Map(set.notices.map((n) => [n.id, n]));
  for (const n of set.notices) {
    add(agencyObject(n));
    for (const object of noticeObjects(n, set)) add(object);
  }
  for (const link of set.links) {
    const a = byId.get(link.a)!;
    const b = byId.get(link.b)!;
    // A link is as restricted as the more restricted of its ends: it carries that end's marking.
    const marked = mostRestrictive([a.tlp, b.tlp]) === a.tlp ? a : b;
    add(
      compact({
        type: "relationship",
        spec_version: "2.1",
        id: stixId("relationship", `link:${link.a}:${link.b}`),
        created_by_ref: stixId("identity", `agency:${marked.agency.id}`),
        created: marked.createdAt,
        modified: marked.updatedAt,
        object_marking_refs: [tlpMarkingDefinition(marked.tlp).id],
        relationship_type: "related-to",
        source_ref: mainObjectId(a),
        target_ref: mainObjectId(b),
      }),
    );
  }
  const ids = [...objects.keys()];
  return { type: "bundle", id: stixId("bundle", ids.sort().join(",")), objects: [...objects.values()] };
}

/** The STIX export of a selection, audited as one. */
export async function exportStix({ viewer, input }: { viewer: Viewer; input: ExportSelection }) {
  const set = await loadExportSet(viewer, input, { format: "stix" });
  return { bundle: stixBundle(set), tlp: set.notices.map((n) => n.tlp) };
}
