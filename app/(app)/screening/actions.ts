"use server";

import { api } from "~/app/_trpc/server";
import { encodeError, type FormResult } from "~/schemas/form";
import { parseForm } from "~/schemas/parse-form";
import { ZScreeningForm, type ScreeningResult } from "~/schemas/screening";
import { actionErrors } from "~/server/api/form-actions";
import { readDeclaration } from "~/server/api/screening/declaration-file";

/** The form's answer: Conform's reply (the pasted lines kept) and, when screened, the result. */
export type ScreeningAnswer = FormResult & { screening?: ScreeningResult };

// A file cannot be put back into a file field, and the answer is no place for its bytes.
const hideFields = ["file"];

/**
 * Screens the posted lines or file. The answer carries the result instead of a redirect: the
 * declaration must not travel in an address or be kept anywhere to be shown after one.
 */
export async function screenDeclaration(_previous: ScreeningAnswer | undefined, form: FormData): Promise<ScreeningAnswer> {
  const submission = parseForm(form, ZScreeningForm);
  if (submission.status !== "success") return submission.reply({ hideFields });
  const read = await readDeclaration(submission.value);
  if ("error" in read) return submission.reply({ fieldErrors: { [read.field]: [encodeError(read.error)] }, hideFields });
  try {
    return { ...submission.reply({ hideFields }), screening: await (await api()).screening.screen({ lines: read.lines }) };
  } catch (error) {
    const { message } = actionErrors(error, "screening.screen");
    return submission.reply({ formErrors: [encodeError({ key: message ?? "invalid" })], hideFields });
  }
}
