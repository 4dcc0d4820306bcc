import { completeness } from "../../engine/completeness.js";
import { outputs, type OutputFormat } from "../../report/index.js";
import { UsageError } from "../../vocabulary/issues.js";
import { writeIssues } from "../diagnostics.js";
import { checkOutputFiles, writeOutputFile } from "../outputs.js";
import { loadLookup, parseAsOf, readData, resolveAreas } from "../inputs.js";
import type { CommandContext, ReadingOptions } from "../options.js";

export interface CompletenessOptions extends ReadingOptions {
  asOf?: string;
  from?: string;
  area?: string[];
  format: OutputFormat<"completeness">;
  output?: string;
  allIndicators?: boolean;
}

/** Who still owes what: 0 when every expected period is there, 1 when one is missing, 2 for unusable input. */
export async function runCompleteness(paths: readonly string[], options: CompletenessOptions, { io }: CommandContext): Promise<number> {
  const asOf = parseAsOf(options.asOf);
  const from = parseFrom(options.from);
  await checkOutputFiles([options.output], io);
  const lookup = await loadLookup(options.plan, io);
  const areas = resolveAreas(options.area ?? [], lookup);
  const data = await readData(paths, lookup, options, io, options.output ? [options.output] : []);
  const view = completeness(lookup, data, { ...(asOf ? { asOf } : {}), ...(from ? { from } : {}), areas, allIndicators: options.allIndicators === true });
  const text = outputs.completeness[options.format](view, { color: false });
  if (options.output) await writeOutputFile(options.output, text, io);
  else io.writeOut(text);
  writeIssues(data.issues, io);
  if (data.issues.some((issue) => issue.severity === "error")) return 2;
  return view.rows.some((row) => row.periods.some((cell) => !cell.present)) ? 1 : 0;
}

function parseFrom(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const match = text.trim().match(/^(\d{4})-(\d{2})$/);
  if (!match || Number(match[2]) < 1 || Number(match[2]) > 12) throw new UsageError("bad-argument", `--from "${text}" is not a month written YYYY-MM`);
  return text.trim();
}
