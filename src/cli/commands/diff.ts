import { compareReports, newlyReachingFailOn } from "../../report/diff.js";
import { outputs, type OutputFormat } from "../../report/index.js";
import { exitCodes } from "../../report/outcome.js";
import type { Language } from "../../vocabulary/language.js";
import { chooseLanguage } from "../language.js";
import { loadLookup, parseTop, readReport, refuseOutputsOver } from "../inputs.js";
import type { CommandContext, FailOn, PlanOptions } from "../options.js";
import { appendStepSummary, checkOutputFiles, pairOutputs, writeOutputs } from "../outputs.js";

export interface DiffOptions extends PlanOptions {
  format?: OutputFormat<"diff">[];
  output?: string[];
  stepSummary?: boolean;
  failOn: FailOn;
  lang?: Language;
  wide?: boolean;
  verbose?: boolean;
  top?: string;
}

/**
 * What changed between two check reports (JSON). Exit 3 when rows are newly rejected, 1 when a
 * binding result newly reaches --fail-on, 0 otherwise; 2 when either file is not a check report.
 */
export async function runDiff(previousPath: string, currentPath: string, options: DiffOptions, { io, color }: CommandContext): Promise<number> {
  const targets = pairOutputs(options.format, options.output, "table");
  await checkOutputFiles(targets.map((target) => target.file), io);
  const top = parseTop(options.top);
  await refuseOutputsOver([previousPath, currentPath], targets.flatMap((target) => (target.file === undefined ? [] : [target.file])), io, "the reports it compares");
  const previous = await readReport(previousPath, io);
  const current = await readReport(currentPath, io);
  // The plan gives the areas and indicators their names in the chosen language.
  const lookup = await loadLookup(options.plan, io);
  const changes = compareReports(previous, current);
  const report = { changes, names: { areas: lookup.plan.areas, indicators: lookup.plan.indicators } };
  const language = chooseLanguage(options.lang, io.env, lookup.plan.language);
  const formatOptions = (toFile: boolean) => ({
    color: color && !toFile,
    language,
    width: options.wide || toFile ? Infinity : (io.stdoutColumns ?? 80),
    verbose: options.verbose === true,
    failOn: options.failOn,
    ...(top !== undefined ? { top } : {}),
  });
  await writeOutputs(targets, ({ format, file }) => outputs.diff[format](report, formatOptions(file !== undefined)), io);
  if (options.stepSummary) await appendStepSummary(outputs.diff.markdown(report, formatOptions(true)), io);
  if (changes.rejected.added.length > 0) return exitCodes.dataRejected;
  return newlyReachingFailOn(changes, options.failOn).length > 0 ? exitCodes.targetsFailed : exitCodes.clean;
}
