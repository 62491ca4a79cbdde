import { z } from "zod";
import { text } from "./fields";
import type { NoticeKind, Tlp } from "./notice-enums";

// Declaration screening: the lines of a customs declaration or manifest, pasted or uploaded, checked
// against the reference data and the notices the screener may read. Nothing of them is stored.

/** A train's manifest runs to a few hundred lines; a whole day's declarations at a post, to this. */
export const SCREENING_LINES_MAX = 2000;
/** One cell: a long goods description in three languages fits; a pasted document does not. */
export const SCREENING_CELL_MAX = 500;
/** What a pasted block may hold: the longest lines at the line limit, with room to spare. */
export const SCREENING_TEXT_MAX = 400_000;
/**
 * An uploaded file. A server action's post is refused above 1 MB (Next's own limit, answered by
 * Next, not by this form): a file well under it leaves room for the pasted text beside it.
 */
export const SCREENING_FILE_MAX = 512 * 1024;

/** The columns of a line, in the order they are read when the data has no header row. */
export const DECLARATION_COLUMNS = ["hsCode", "description", "consignor", "consignee", "vehicle", "route"] as const;
export type DeclarationColumn = (typeof DECLARATION_COLUMNS)[number];

const cell = () => text(SCREENING_CELL_MAX).optional();

export const ZDeclarationLine = z.strictObject({
  hsCode: text(40).optional(),
  description: cell(),
  consignor: cell(),
  consignee: cell(),
  vehicle: cell(),
  route: cell(),
});
export type DeclarationLine = z.infer<typeof ZDeclarationLine>;

/** The procedure's input: the lines, read from the form's text or file. */
export const ZScreenDeclaration = z.strictObject({
  lines: z.array(ZDeclarationLine).min(1).max(SCREENING_LINES_MAX, { error: "screeningTooManyLines" }),
});
export type ScreenDeclarationInput = z.infer<typeof ZScreenDeclaration>;

/**
 * The form: lines pasted (tab-, semicolon- or comma-separated, as copied from a spreadsheet) or a
 * CSV or XLSX file; the file wins when both are given. Its size is checked here, before it is read.
 */
export const ZScreeningForm = z
  .strictObject({
    text: text(SCREENING_TEXT_MAX).optional(),
    file: z.file({ error: "screeningFileType" }).max(SCREENING_FILE_MAX, { error: "screeningFileTooLarge" }).optional(),
  })
  .refine((form) => Boolean(form.text || form.file), { error: "screeningEmpty", path: ["text"] });
export type ScreeningFormInput = z.infer<typeof ZScreeningForm>;

// What a screening answers (the service's result, the page's props).

/** A notice a line matched: what the result shows of it (the screener may read it). */
export type MatchedNotice = { id: string; title: string; tlp: Tlp; kind: NoticeKind };

export const SCREENING_RULES = ["hsCode", "substanceName", "declaredAs", "vehicle", "companyName", "registrationNumber"] as const;
export type ScreeningRule = (typeof SCREENING_RULES)[number];

/** Why a line is flagged: the rule, the field and what in it matched, and what it matched. */
export type ScreeningFlag = {
  rule: ScreeningRule;
  field: DeclarationColumn;
  matched: string;
  substances?: { id: string; name: string }[];
  notice?: MatchedNotice;
  /** What the matching company alert asks the inspector to do. */
  recommendedAction?: string;
  /** The alert's name or the notice's declared-as text the line was found close to. */
  known?: string;
};
export type ScreenedLine = { line: number; values: DeclarationLine; flags: ScreeningFlag[] };
export type ScreeningResult = { lineCount: number; flagged: ScreenedLine[] };
