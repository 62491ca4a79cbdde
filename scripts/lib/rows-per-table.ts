/** Rows per table as aligned lines for a terminal, with the total. */
export function rowsPerTable(rows: Map<string, number>): string {
  const width = Math.max(...[...rows.keys()].map((name) => name.length));
  const total = [...rows.values()].reduce((sum, n) => sum + n, 0);
  return [...[...rows].map(([name, n]) => `  ${name.padEnd(width)}  ${n}`), `  ${"total".padEnd(width)}  ${total}`].join("\n");
}
