import { issue } from "../vocabulary/catalogue.js";
import { stat } from "node:fs/promises";
import { parseEncoding } from "../read/decode.js";
import { messagesFor } from "../report/messages.js";
import { chooseLanguage } from "./language.js";
import { readingProgress } from "./progress.js";
import type { DataSet } from "../kinds/observation.js";
import { readDataFiles } from "../kinds/files.js";
import { parsePeriod } from "../vocabulary/period.js";
import { suggest } from "../vocabulary/did-you-mean.js";
import { PlanError, UsageError, type Issue } from "../vocabulary/issues.js";
import { buildLookup, type PlanLookup } from "../plan/lookup.js";
import { compiledPlan, compiledStationRegistry } from "./compiled-plans.js";
import type { StationRegistry } from "../plan/stations.js";
import { dirname, resolve } from "node:path";
import { recogniseOwnReport } from "../report/own-report.js";
import { describeBytes, FileTooLargeError, maxReportFileBytes, type Io } from "./io.js";
import type { ReadingOptions } from "./options.js";
import { parseComparableReport, type ComparableReport } from "../report/diff.js";

/** Reading the plan, the data and the options the commands share. */

export async function loadLookup(planPath: string, io: Io): Promise<PlanLookup> {
  let text: string;
  try {
    text = await io.readText(planPath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (error instanceof FileTooLargeError) throw new UsageError("plan-too-large", `the plan file is larger than ${describeBytes(error.limit)}; a plan is a few hundred kB at most`, { location: { file: planPath } });
    throw new UsageError("plan-unreadable", code === "ENOENT" ? "no such plan file" : `cannot read the plan file (${code ?? "error"})`, { location: { file: planPath } });
  }
  // The loader (yaml and zod) is imported only for a plan the build did not compile.
  const plan = (await compiledPlan(text, io)) ?? (await import("../plan/load.js")).loadPlan(text, planPath);
  return buildLookup(plan, plan.stations === undefined ? undefined : await loadRegistry(resolve(dirname(planPath), plan.stations), plan.city, io));
}

/** The station registry a plan names (`stations`, relative to the plan file, or absolute). */
async function loadRegistry(path: string, city: string, io: Io): Promise<StationRegistry> {
  let text: string;
  try {
    text = await io.readText(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (error instanceof FileTooLargeError) throw new UsageError("plan-too-large", `the plan's station registry is larger than ${describeBytes(error.limit)}`, { location: { file: path } });
    throw new UsageError("plan-unreadable", `the plan's station registry ${code === "ENOENT" ? "does not exist" : `cannot be read (${code ?? "error"})`}`, { location: { file: path } });
  }
  const registry = (await compiledStationRegistry(text, io)) ?? (await import("../plan/stations.js")).loadStationRegistry(text, path);
  if (registry.city !== city) throw new PlanError(path, [issue("station-registry-invalid", `the registry is for city ${registry.city}, the plan's city is ${city}`, { location: { file: path } })]);
  return registry;
}

export async function readData(paths: readonly string[], lookup: PlanLookup, options: ReadingOptions, io: Io, outputs: readonly string[] = []): Promise<DataSet> {
  const encoding = parseEncoding(options.encoding);
  if (!encoding) throw new UsageError("bad-argument", `--encoding "${options.encoding}" is not one of auto, utf-8, utf-16le, utf-16be, gb18030`);
  const listed = await io.listDataFiles(paths);
  // A path that is not there (or a folder with no data files) is a mistyped command, not an empty
  // drop: stop before anything is judged, so no plausible all-no-data report is written.
  const missing = listed.issues.filter((issue) => missingPathCodes.has(issue.code) && paths.includes(issue.location?.file ?? ""));
  if (missing.length > 0) throw new MissingPathsError(missing);
  const files = await withoutOutputs(paths, listed.files, outputs, io);
  // A person at a terminal sees how a long read is going; a pipe, a file or CI sees nothing.
  const progress =
    io.stderrIsTerminal && !options.quiet
      ? readingProgress({ write: (text) => io.writeErr(text), columns: io.stderrColumns, messages: messagesFor(chooseLanguage(options.lang, io.env, lookup.plan.language)), now: () => performance.now(), size: (file) => stat(file).then((found) => found.size) })
      : undefined;
  try {
    const data = await readDataFiles(
      files.map((file) => (progress ? progress.watch({ file, open: () => io.openBytes(file) }) : { file, open: () => io.openBytes(file) })),
      lookup,
      { encoding, onConflict: options.onConflict, recogniseReport: recogniseOwnReport, ...(options.kind ? { kind: options.kind } : {}), ...(options.headerRow !== undefined ? { headerRow: options.headerRow } : {}), ...(options.sheet !== undefined ? { sheet: options.sheet } : {}), ...(options.ruleset ? { ruleset: options.ruleset } : {}), ...(progress ? { onRow: progress.row } : {}) },
    );
    return { ...data, issues: [...listed.issues, ...data.issues] };
  } finally {
    progress?.end();
  }
}

/**
 * An --output that names a data file given on the command line (by any spelling or link) is
 * refused before anything is read, so a report never replaces the submitted data; an earlier
 * report found while searching a folder is this run's output, not data, and is left unread.
 */
async function withoutOutputs(paths: readonly string[], files: readonly string[], outputs: readonly string[], io: Io): Promise<readonly string[]> {
  const outputIds = await refuseOutputsOver(paths, outputs, io, "the data");
  if (outputIds.size === 0) return files;
  const kept: string[] = [];
  for (const file of files) if (!outputIds.has((await io.fileIdentity(file)) ?? "")) kept.push(file);
  return kept;
}

/**
 * Refuse an --output that names one of the inputs (by any spelling or link) before anything is
 * written; returns the outputs that exist, by file identity.
 */
export async function refuseOutputsOver(inputs: readonly string[], outputs: readonly string[], io: Io, what: string): Promise<Map<string, string>> {
  const outputIds = new Map<string, string>();
  for (const output of outputs) {
    const id = await io.fileIdentity(output);
    if (id !== undefined) outputIds.set(id, output);
  }
  if (outputIds.size === 0) return outputIds;
  for (const path of inputs) {
    const output = outputIds.get((await io.fileIdentity(path)) ?? "");
    if (output !== undefined) throw new UsageError("bad-argument", `--output "${output}" is the input file "${path}": a report never overwrites ${what}; write it elsewhere`);
  }
  return outputIds;
}

const missingPathCodes = new Set(["file-not-found", "symlink-loop", "no-data-files"]);

class MissingPathsError extends UsageError {
  constructor(private readonly missing: Issue[]) {
    super(missing[0]!.code, missing[0]!.message, { location: missing[0]!.location! });
  }

  override get issues(): Issue[] {
    return this.missing.map((issue, index) => (index === this.missing.length - 1 ? { ...issue, hint: "check the path; no report was written" } : issue));
  }
}

export function resolveAreas(names: readonly string[], lookup: PlanLookup): string[] {
  return names.map((name) => {
    const area = lookup.findArea(name);
    if (!area) throw new UsageError("bad-argument", `--area "${name}" is not an area of the plan${lookup.suggestArea(name)}`);
    return area.code;
  });
}

/** Target ids as given, each a target of the plan, else a bad-argument error naming the nearest. */
export function resolveTargets(ids: readonly string[], lookup: PlanLookup): string[] {
  const known = lookup.targets.map((planned) => planned.target.id);
  for (const id of ids) {
    if (!known.includes(id)) throw new UsageError("bad-argument", `"${id}" is not a target of the plan${suggest(id, known)}; zz-plan targets lists them`);
  }
  return [...ids];
}

export function parseAsOf(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const parsed = parsePeriod(text);
  if (!parsed.ok || parsed.period.kind !== "day" || !/^\d{4}-\d{2}-\d{2}$/.test(text.trim())) {
    throw new UsageError("bad-argument", `--as-of "${text}" is not a date written YYYY-MM-DD`);
  }
  return parsed.period.end;
}

/** A check report written earlier (--baseline, zz-plan diff), read and checked: anything else is a usage error. */
export async function readReport(path: string, io: Io): Promise<ComparableReport> {
  let text: string;
  try {
    text = await io.readText(path, maxReportFileBytes);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (error instanceof FileTooLargeError) throw new UsageError("file-too-large", `the report is larger than ${describeBytes(error.limit)}, the most zz-plan reads from a report`, { location: { file: path } });
    throw new UsageError(code === "ENOENT" ? "file-not-found" : "file-unreadable", code === "ENOENT" ? "no such report file" : `cannot read the report (${code ?? "error"})`, { location: { file: path } });
  }
  return parseComparableReport(text, path);
}

/** --top: how many results a list shows. */
export function parseTop(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d{1,6}$/.test(text.trim()) || Number(text) < 1) throw new UsageError("bad-argument", `--top "${text}" should be a whole number of results, 1 or more`);
  return Number(text);
}
