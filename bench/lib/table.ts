// Plain-text tables for the benchmarks' output: the first column left-aligned, the figures right.

export const ms = (value: number | null | undefined) => (value === undefined || value === null || Number.isNaN(value) ? "—" : value.toFixed(1));
export const ratio = (value: number | null | undefined) => (value === undefined || value === null ? "" : `${(value * 100).toFixed(0)}%`);
export const cpuMs = (value: number | null | undefined) => (value === undefined ? "" : value === null ? "—" : value.toFixed(2));
export const kb = (bytes: number | undefined) => (bytes === undefined ? "" : (bytes / 1024).toFixed(1));

/** A row is either its cells, or a name and a note printed across the columns (not setting their widths). */
export type TableRow = { cells: string[] } | { name: string; note: string };

export function formatTable(header: string[], rows: TableRow[]): string[] {
  const measured = rows.flatMap((r) => ("cells" in r ? [r.cells] : []));
  const names = rows.map((r) => ("cells" in r ? r.cells[0]! : r.name));
  const widths = header.map((h, i) => Math.max(h.length, ...(i === 0 ? names : measured.map((c) => c[i] ?? "")).map((c) => c.length)));
  const line = (c: string[]) =>
    c
      .map((v, i) => (i === 0 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!)))
      .join("  ")
      .trimEnd();
  return [
    line(header),
    widths.map((w) => "─".repeat(w)).join("  "),
    ...rows.map((r) => ("cells" in r ? line(r.cells) : `${r.name.padEnd(widths[0]!)}  ${r.note}`)),
  ];
}
