import Table from "cli-table3";
import type { CatalogueEntry } from "../vocabulary/catalogue.js";
import { jsonText } from "./escape.js";
import { compact } from "./table.js";

/** The problem codes as a table for people. */
export function formatErrorCatalogueTable(entries: readonly CatalogueEntry[]): string {
  const table = new Table({ chars: compact, head: ["code", "meaning", "含义", "valid example / fix"], style: { head: [], border: [] }, wordWrap: true, colWidths: [28, 44, 30, 40] });
  for (const entry of entries) table.push([entry.code, entry.en, entry.zh, entry.example]);
  return `${table.toString()}\n${entries.length} codes\n`;
}

export function formatErrorCatalogueJson(entries: readonly CatalogueEntry[]): string {
  return `${jsonText({ version: 1, codes: entries })}\n`;
}
