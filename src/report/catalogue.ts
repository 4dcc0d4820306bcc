import type { CatalogueEntry } from "../vocabulary/catalogue.js";
import { jsonText, terminal } from "./escape.js";
import type { FormatOptions } from "./formatter.js";
import { renderGrid } from "./layout.js";
import { messagesFor } from "./messages.js";

/** The problem codes as a table for people: the meaning in the chosen language, wrapped (not cut) to the terminal's width. */
export function formatErrorCatalogueTable(entries: readonly CatalogueEntry[], options: Partial<FormatOptions> = {}): string {
  const language = options.language ?? "en";
  const { errorsTable } = messagesFor(language);
  const table = renderGrid(
    [{ header: errorsTable.code }, { header: errorsTable.meaning, prose: true }, { header: errorsTable.example, prose: true }],
    entries.map((entry) => [entry.code, language === "zh" ? entry.zh : entry.en, entry.example].map(terminal)),
    { width: options.width ?? 80 },
  );
  return `${table}\n${errorsTable.total(entries.length)}\n`;
}

export function formatErrorCatalogueJson(entries: readonly CatalogueEntry[]): string {
  return `${jsonText({ version: 1, codes: entries })}\n`;
}
