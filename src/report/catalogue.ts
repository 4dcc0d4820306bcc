import Table from "cli-table3";
import type { CatalogueEntry } from "../vocabulary/catalogue.js";
import { compact } from "./table.js";

/** The problem codes as a table for people, or JSON for scripts. */
export function formatErrorCatalogue(entries: readonly CatalogueEntry[], format: "table" | "json"): string {
  if (format === "json") return `${JSON.stringify({ version: 1, codes: entries }, null, 2)}\n`;
  const table = new Table({ chars: compact, head: ["code", "meaning", "含义", "valid example / fix"], style: { head: [], border: [] }, wordWrap: true, colWidths: [28, 44, 30, 40] });
  for (const entry of entries) table.push([entry.code, entry.en, entry.zh, entry.example]);
  return `${table.toString()}\n${entries.length} codes\n`;
}
