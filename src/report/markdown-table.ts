/**
 * GitHub-flavoured markdown tables. Cells come already escaped (escape.ts's markdown()); a line
 * break would end the row, so it becomes a space.
 */
export function markdownRow(cells: readonly string[]): string {
  return `| ${cells.map((cell) => cell.replace(/\r?\n/g, " ")).join(" | ")} |`;
}

/** The delimiter row under the header: a count of left-aligned columns, or each column's alignment. */
export function markdownRule(columns: number | readonly ("left" | "right")[]): string {
  const aligns = typeof columns === "number" ? Array.from({ length: columns }, () => "left" as const) : columns;
  return `|${aligns.map((align) => (align === "right" ? "---:|" : "---|")).join("")}`;
}
