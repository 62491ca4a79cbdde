import { z } from "zod";
import { ENTITY_KINDS } from "./entity-enums";

// Input schemas of entities (issue 19), shared by the pages' forms and the procedures.

export const ZEntityRef = z.strictObject({ kind: z.enum(ENTITY_KINDS), id: z.uuid() });
export const ZNoticeCorrelations = z.strictObject({ id: z.uuid() });

/** An analyst's word on two entities: the same, or not (a form's two buttons). */
export const ZDecideEntities = z.strictObject({
  id: z.uuid(),
  otherId: z.uuid(),
  decision: z.enum(["same", "different"]),
});
