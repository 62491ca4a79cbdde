import "server-only";
import { getTranslations } from "next-intl/server";
import { TextField } from "~/app/_components/form";
import { describeIssue, type FieldError } from "~/schemas/issues";
import { ZCrossingCounts } from "~/schemas/picture";
import { firstParam, type SearchParams } from "../feed-filters";

export type Period = { from: string; to: string };

/** A date in the reader's time zone, as YYYY-MM-DD. */
export function dayIn(timeZone: string, date = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(date);
}

/**
 * The last twelve calendar months where the reader is, this one whole: the map's and the trends'
 * period unless the address names one. Whole months are what the pre-aggregate counts
 * (server/services/picture/classes.ts).
 */
export function defaultPeriod(timeZone: string): Period {
  const [year, month] = dayIn(timeZone).split("-").map(Number) as [number, number];
  const day = (date: Date) => date.toISOString().slice(0, 10);
  // From the first of the month eleven months back to the last of this one: twelve whole months on a chart.
  return { from: day(new Date(Date.UTC(year, month - 12, 1))), to: day(new Date(Date.UTC(year, month, 0))) };
}

/**
 * The period an address asks for (`from`, `to`), each checked by the procedures' own schema; a
 * malformed or missing value falls back to the default and a malformed one is reported next to
 * its field, as the feed does with a mistyped link.
 */
export function readPeriod(params: SearchParams, timeZone: string) {
  const fallback = defaultPeriod(timeZone);
  const values = { from: firstParam(params.from), to: firstParam(params.to) };
  const errors: Partial<Record<"from" | "to", FieldError>> = {};
  const period = { ...fallback };
  for (const key of ["from", "to"] as const) {
    const parsed = ZCrossingCounts.safeParse({ [key]: values[key] });
    if (!values[key]) continue;
    if (parsed.success) period[key] = values[key]!;
    else errors[key] = describeIssue(parsed.error.issues[0]!);
  }
  if (period.from > period.to) {
    errors.to = { key: "periodOrder" };
    Object.assign(period, fallback);
  }
  return { period, values: { from: values.from ?? period.from, to: values.to ?? period.to }, errors };
}

/** The period's two date fields. */
export async function PeriodFields({ values, errors }: { values: Period; errors: Partial<Record<"from" | "to", FieldError>> }) {
  const t = await getTranslations("picture.filters");
  return (
    <>
      <TextField name="from" type="date" label={t("from")} defaultValue={values.from} error={errors.from} />
      <TextField name="to" type="date" label={t("to")} defaultValue={values.to} error={errors.to} />
    </>
  );
}
