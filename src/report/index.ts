import type { Report } from "../engine/types.js";
import { formatJson } from "./json.js";
import { formatMarkdown } from "./markdown.js";
import { formatTable } from "./table.js";

export interface FormatOptions {
  color: boolean;
}

/** A formatter turns a report into text; the caller decides where the text goes. */
export type Formatter = (report: Report, options: FormatOptions) => string;

export const formats = ["table", "markdown", "json"] as const;
export type Format = (typeof formats)[number];

export const formatters = {
  table: formatTable,
  markdown: formatMarkdown,
  json: formatJson,
} satisfies Record<Format, Formatter>;
