import { buildTemplate, templateCsv, type Template } from "../../report/template.js";
import { UsageError } from "../../vocabulary/issues.js";
import { parsePeriod, type Period } from "../../vocabulary/period.js";
import { loadLookup, resolveAreas } from "../inputs.js";
import { checkOutputFiles, writeOutputFile } from "../outputs.js";
import type { CommandContext, PlanOptions, templateFormats } from "../options.js";

export interface TemplateOptions extends PlanOptions {
  area: string;
  period: string;
  format: (typeof templateFormats)[number];
  output?: string;
}

/** The submission file one area fills in for one month or year: 0 written, 2 a bad area, period or pairing. */
export async function runTemplate(options: TemplateOptions, { io }: CommandContext): Promise<number> {
  const period = parseTemplatePeriod(options.period);
  if (options.format === "xlsx" && options.output === undefined) throw new UsageError("bad-argument", "--format xlsx writes a workbook: give the file with -o 巩义市-2025-10.xlsx");
  await checkOutputFiles([options.output], io);
  const lookup = await loadLookup(options.plan, io);
  const [code] = resolveAreas([options.area], lookup);
  const area = lookup.plan.areas.find((candidate) => candidate.code === code)!;
  const template = buildTemplate(lookup, area, period);
  if (template.rows.length === 0) throw new UsageError("bad-argument", `${area.name} owes no indicator for ${period.label} under this plan (no target binds it or shows it in force then)`);
  const content = options.format === "xlsx" ? await templateXlsx(template) : templateCsv(template);
  if (options.output !== undefined) await writeOutputFile(options.output, content, io);
  else io.writeOut(content as string);
  return 0;
}

function parseTemplatePeriod(text: string): Period {
  const parsed = parsePeriod(text);
  if (!parsed.ok || !(parsed.period.kind === "month" || parsed.period.kind === "year") || !/^\d{4}(-\d{2})?$/.test(text.trim())) {
    throw new UsageError("bad-argument", `--period "${text}" is not a month (YYYY-MM) or a year (YYYY)`);
  }
  return parsed.period;
}

/**
 * The template as an .xlsx workbook (write-excel-file): every cell text, so Excel and WPS keep
 * 2025-10 as written instead of turning it into a date, with the columns wide enough to read.
 */
async function templateXlsx(template: Template): Promise<Uint8Array> {
  const { default: writeExcelFile } = await import("write-excel-file/node");
  const text = (value: string) => (value === "" ? null : { value, type: String });
  const sheet = [template.headers.map((header) => ({ value: header, type: String, fontWeight: "bold" as const })), ...template.rows.map((row) => row.map(text))];
  const widths = template.headers.map((header, column) => Math.min(40, Math.max(8, ...[header, ...template.rows.map((row) => row[column]!)].map((cell) => cell.length * 2 + 2))));
  return writeExcelFile(sheet, { columns: widths.map((width) => ({ width })), sheet: `${template.area.name} ${template.period.label}`, stickyRowsCount: 1 }).toBuffer();
}
