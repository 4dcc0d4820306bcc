import { evaluate, normaliseTaskId } from "../../engine/evaluate.js";
import type { Status } from "../../engine/types.js";
import { statuses } from "../../engine/types.js";
import { parseStatuses, type Grouping } from "../../report/brief.js";
import type { Language } from "../../vocabulary/language.js";
import { chooseLanguage } from "../language.js";
import { outputs, type Format } from "../../report/index.js";
import { exitCodeFor } from "../../report/outcome.js";
import { compareReports } from "../../report/diff.js";
import { checkEnvelope } from "../../report/json.js";
import { UsageError } from "../../vocabulary/issues.js";
import { loadLookup, parseAsOf, parseTop, readData, readReport, refuseOutputsOver, resolveAreas } from "../inputs.js";
import { formatDiagnostics } from "../../report/diagnostics.js";
import type { CommandContext, FailOn, ReadingOptions } from "../options.js";
import { appendStepSummary, checkOutputFiles, pairOutputs, writeOutputs } from "../outputs.js";

export interface CheckOptions extends ReadingOptions {
  asOf?: string;
  format?: Format[];
  output?: string[];
  stepSummary?: boolean;
  task?: string[];
  area?: string[];
  failOn: FailOn;
  basically?: string[];
  strict?: boolean;
  lang?: Language;
  wide?: boolean;
  verbose?: boolean;
  quiet?: boolean;
  status?: string;
  by: Grouping;
  top?: string;
  maxWarnings?: number;
  baseline?: string;
}

/** Judge every target against the data once, write each requested output; the exit code follows report/outcome.ts. */
export async function runCheck(paths: readonly string[], options: CheckOptions, { io, color }: CommandContext): Promise<number> {
  const targets = pairOutputs(options.format, options.output, "table");
  await checkOutputFiles(targets.map((target) => target.file), io);
  const asOf = parseAsOf(options.asOf);
  const statuses = parseStatusOption(options.status);
  const top = parseTop(options.top);
  const basically = parseBasically(options.basically ?? []);
  // A baseline that cannot be compared stops the run before the data is read (exit 2).
  const outputFiles = targets.flatMap((target) => (target.file === undefined ? [] : [target.file]));
  if (options.baseline !== undefined) await refuseOutputsOver([options.baseline], outputFiles, io, "the report it compares with");
  const baseline = options.baseline === undefined ? undefined : await readReport(options.baseline, io);
  const lookup = await loadLookup(options.plan, io);
  const areas = resolveAreas(options.area ?? [], lookup);
  const tasks = (options.task ?? []).map((id) => {
    const task = normaliseTaskId(id);
    if (!lookup.plan.tasks.some((candidate) => candidate.id === task)) throw new UsageError("bad-argument", `--task "${id}" is not a task of the plan (t01..t26 or goals)`);
    return task;
  });
  const data = await readData(paths, lookup, options, io, targets.flatMap((target) => (target.file === undefined ? [] : [target.file])));
  const report = evaluate(lookup, data, { ...(asOf ? { asOf } : {}), tasks, areas, basically, ...(options.ruleset ? { ruleset: options.ruleset } : {}) });
  const changes = baseline ? compareReports(baseline, checkEnvelope(report)) : undefined;
  const language = chooseLanguage(options.lang, io.env, lookup.plan.language);
  const formatOptions = (toFile: boolean, format: Format) => ({
    color: color && !toFile && format === "table",
    language,
    // A file has no width; a terminal has its own, and 80 columns is the safe guess for a pipe.
    width: options.wide || toFile ? Infinity : (io.stdoutColumns ?? 80),
    verbose: options.verbose === true,
    by: options.by,
    failOn: options.failOn,
    ...(statuses ? { statuses } : {}),
    ...(top !== undefined ? { top } : {}),
    ...(changes ? { changes } : {}),
  });
  await writeOutputs(targets, ({ format, file }) => outputs.check[format](report, formatOptions(file !== undefined, format)), io);
  if (options.stepSummary) await appendStepSummary(outputs.check.markdown(report, { ...formatOptions(true, "markdown"), color: false }), io);
  // Problems in full, warnings counted per code (all with --verbose, none with --quiet).
  io.writeErr(formatDiagnostics(report.issues, { language, verbose: options.verbose === true, quiet: options.quiet === true }));
  return exitCodeFor(report, { failOn: options.failOn, strict: options.strict === true, ...(options.maxWarnings !== undefined ? { maxWarnings: options.maxWarnings } : {}) });
}

function parseStatusOption(text: string | undefined): Status[] | undefined {
  if (text === undefined) return undefined;
  const parsed = parseStatuses(text);
  if (!parsed.ok) throw new UsageError("bad-argument", `--status "${parsed.unknown}" is not a status; use ${statuses.join(", ")}`);
  return parsed.statuses;
}

function parseBasically(readings: readonly string[]): { all?: number; byTarget: Record<string, number> } {
  const result: { all?: number; byTarget: Record<string, number> } = { byTarget: {} };
  for (const reading of readings) {
    const match = reading.match(/^(?:([a-z0-9-]+)=)?(-?\d+(?:\.\d+)?)$/);
    if (!match) throw new UsageError("bad-argument", `--basically "${reading}" should be a number (95) or target-id=number (t02-nev-share-bus=90)`);
    if (match[1]) result.byTarget[match[1]] = Number(match[2]);
    else result.all = Number(match[2]);
  }
  return result;
}
