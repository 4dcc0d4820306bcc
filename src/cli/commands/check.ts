import { evaluate, normaliseTaskId } from "../../engine/evaluate.js";
import { atLeast, bindingResults } from "../../engine/status.js";
import { statuses, type Report, type Status } from "../../engine/types.js";
import { parseStatuses, type Grouping } from "../../report/brief.js";
import type { Language } from "../../vocabulary/language.js";
import { chooseLanguage } from "../language.js";
import { outputs, type Format } from "../../report/index.js";
import { UsageError } from "../../vocabulary/issues.js";
import { loadLookup, parseAsOf, readData, resolveAreas } from "../inputs.js";
import { formatDiagnostics } from "../../report/diagnostics.js";
import type { CommandContext, FailOn, ReadingOptions } from "../options.js";

export interface CheckOptions extends ReadingOptions {
  asOf?: string;
  format: Format;
  output?: string;
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
}

/** Judge every target against the data; the exit code follows --fail-on and --strict. */
export async function runCheck(paths: readonly string[], options: CheckOptions, { io, color }: CommandContext): Promise<number> {
  const asOf = parseAsOf(options.asOf);
  const statuses = parseStatusOption(options.status);
  const top = parseTop(options.top);
  const basically = parseBasically(options.basically ?? []);
  const lookup = await loadLookup(options.plan, io);
  const areas = resolveAreas(options.area ?? [], lookup);
  const tasks = (options.task ?? []).map((id) => {
    const task = normaliseTaskId(id);
    if (!lookup.plan.tasks.some((candidate) => candidate.id === task)) throw new UsageError("bad-argument", `--task "${id}" is not a task of the plan (t01..t26 or goals)`);
    return task;
  });
  const data = await readData(paths, lookup, options, io);
  const report = evaluate(lookup, data, { ...(asOf ? { asOf } : {}), tasks, areas, basically, ...(options.ruleset ? { ruleset: options.ruleset } : {}) });
  const language = chooseLanguage(options.lang, io.env, lookup.plan.language);
  const text = outputs.check[options.format](report, {
    color: color && !options.output && options.format === "table",
    language,
    // A file has no width; a terminal has its own, and 80 columns is the safe guess for a pipe.
    width: options.wide || options.output ? Infinity : (io.stdoutColumns ?? 80),
    verbose: options.verbose === true,
    by: options.by,
    ...(statuses ? { statuses } : {}),
    ...(top !== undefined ? { top } : {}),
  });
  if (options.output) await io.writeFileAtomic(options.output, text);
  else io.writeOut(text);
  // Problems in full, warnings counted per code (all with --verbose, none with --quiet).
  io.writeErr(formatDiagnostics(report.issues, { language, verbose: options.verbose === true, quiet: options.quiet === true }));
  return exitCodeFor(report, options.failOn, options.strict === true);
}

/** 2 for bad input (or warnings under --strict), else 1 when a result reaches --fail-on, else 0. */
export function exitCodeFor(report: Report, failOn: FailOn, strict: boolean): number {
  if (report.issues.some((issue) => issue.severity === "error" || strict)) return 2;
  if (failOn === "never") return 0;
  // Comparison (对照) results are context: only the areas a target binds can fail a run.
  return bindingResults(report.results).some((result) => atLeast(result.status, failOn as Status)) ? 1 : 0;
}

function parseStatusOption(text: string | undefined): Status[] | undefined {
  if (text === undefined) return undefined;
  const parsed = parseStatuses(text);
  if (!parsed.ok) throw new UsageError("bad-argument", `--status "${parsed.unknown}" is not a status; use ${statuses.join(", ")}`);
  return parsed.statuses;
}

function parseTop(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d{1,6}$/.test(text.trim()) || Number(text) < 1) throw new UsageError("bad-argument", `--top "${text}" should be a whole number of results, 1 or more`);
  return Number(text);
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
