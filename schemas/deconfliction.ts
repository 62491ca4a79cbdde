import { z } from "zod";
import { ENTITY_KINDS } from "./entity-enums";
import { text } from "./fields";

// Input schemas of deconfliction (issue 19), shared by the forms and the procedures.

export const DECONFLICTION_MESSAGE_MAX = 2000;

export const ZDeconflictionHints = z.strictObject({ id: z.uuid() });
export const ZEntityDeconfliction = z.strictObject({ kind: z.enum(ENTITY_KINDS), id: z.uuid() });

/** "Request it": the entity the requester's notice names, that notice when asked from its page, and a note. */
export const ZRequestDeconfliction = z.strictObject({
  entityId: z.uuid(),
  fromNoticeId: z.uuid().optional(),
  message: text(DECONFLICTION_MESSAGE_MAX).default(""),
});

export const DECONFLICTION_ANSWERS = ["release", "decline", "reply"] as const;
export type DeconflictionAnswer = (typeof DECONFLICTION_ANSWERS)[number];

/** The holder's answer: release the notice to the requesting agency, decline, or reply (a message is then required). */
export const ZAnswerDeconfliction = z
  .strictObject({
    id: z.uuid(),
    answer: z.enum(DECONFLICTION_ANSWERS),
    message: text(DECONFLICTION_MESSAGE_MAX).default(""),
  })
  .refine((a) => a.answer !== "reply" || a.message.length > 0, { path: ["message"], error: "replyRequired" });
