import { db } from "~/db/index";
import type { TrendsInput } from "~/schemas/picture";
import type { Viewer } from "~/server/auth/sessions";
import { audit } from "~/server/services/audit";
import { markedCsv } from "~/server/services/exports/csv";
import { trends, type Top } from "./trends";

/**
 * The CSV columns. One table in long form (each line says which series it belongs to), so that a
 * spreadsheet or another system reads every part of the trend from one file. Fixed English
 * identifiers, as every export's (README, "Exports"); the kinds are the vocabulary's codes.
 */
export const TREND_CSV_COLUMNS = ["series", "key", "notices", "seized_kg"] as const;

const tops = (series: string, rows: Top[]) => rows.map((row) => [series, row.label, row.notices, null]);

/**
 * The trends as a file, audited as an export in the same transaction as the numbers are read
 * (repeatable read: the file is one instant of the database). The audit entry records the
 * selection (the filters), not the notices: the ids of every notice of a regional trend would
 * make one entry of megabytes, and a count would tell whoever reads the trail (an administrator
 * who may not read them) how many notices of a marking they do not share the exporter could.
 * Without ids the entry names no notice, and the trail shows it to its readers as it stands.
 */
export async function trendsCsv({ viewer, input }: { viewer: Viewer; input: TrendsInput }) {
  return db.transaction(
    async (tx) => {
      const t = await trends({ viewer, input }, tx);
      await audit(tx, { action: "notice.export", actor: viewer, details: { format: "trends_csv", scope: "trends", ...input.filters } });
      const rows = [
        ["total", "all", t.total.notices, t.total.kg],
        ...t.months.map((m) => ["month", m.month, m.notices, m.kg]),
        ...t.kinds.map((k) => ["kind", k.kind, k.notices, null]),
        ...tops("concealment", t.concealment),
        ...tops("declared_as", t.declaredAs),
        ...tops("company", t.companies),
      ];
      return { csv: markedCsv(t.tlp, TREND_CSV_COLUMNS, rows), tlp: t.tlp };
    },
    { isolationLevel: "repeatable read" },
  );
}
