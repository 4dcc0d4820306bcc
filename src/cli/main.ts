import { fileURLToPath } from "node:url";
import { Command, CommanderError, Option } from "commander";
import { parseEncoding, type EncodingChoice } from "../read/decode.js";
import type { DataSet } from "../kinds/observation.js";
import { parsePeriod } from "../vocabulary/period.js";
import { readDataFiles } from "../kinds/files.js";
import { evaluate, normaliseTaskId } from "../engine/evaluate.js";
import { atLeast } from "../engine/status.js";
import type { Report, Status } from "../engine/types.js";
import { compareIssues, formatIssue, UsageError, ZzError, type Issue } from "../vocabulary/issues.js";
import { buildLookup, type PlanLookup } from "../plan/lookup.js";
import { loadPlan } from "../plan/load.js";
import { formats, formatters, type Format } from "../report/index.js";
import { kindNames } from "../kinds/index.js";
import { airRulesets, type AirRuleset } from "../standards/aqi.js";
import { errorCatalogue } from "../vocabulary/catalogue.js";
import { formatErrorCatalogue } from "../report/catalogue.js";
import { formatExplanation } from "../report/explain.js";
import { formatTargets, targetFormats, type TargetFormat } from "../report/targets.js";
import { suggest } from "../vocabulary/did-you-mean.js";
import type { Io } from "./io.js";

export const version = "0.1.0";

/** The bundled plan, found relative to this file in src/ and in dist/ alike. */
export const bundledPlanPath = fileURLToPath(new URL("../../plan/zhengzhou-2023-2025.yaml", import.meta.url));

const failOnChoices = ["fail", "at-risk", "never"] as const;
type FailOn = (typeof failOnChoices)[number];

interface CommonOptions {
  plan: string;
  encoding: string;
  kind?: string;
  ruleset?: AirRuleset;
  strict?: boolean;
}

interface CheckOptions extends CommonOptions {
  asOf?: string;
  format: Format;
  output?: string;
  task?: string[];
  area?: string[];
  failOn: FailOn;
  basically?: string[];
}

/**
 * Run the command line. Returns the exit code: 0 nothing at or above --fail-on, 1 a result at or
 * above it, 2 unusable input, rejected rows or bad arguments. Never throws for bad input.
 */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  let exitCode = 0;
  const color = io.stdoutIsTerminal && io.env.NO_COLOR === undefined && io.env.FORCE_COLOR !== "0";
  const program = new Command()
    .name("zz-plan")
    .description("Check environmental data against the Zhengzhou 2023-2025 action plan's targets")
    .version(version, "-V, --version")
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.writeOut(text), writeErr: (text) => io.writeErr(text) })
    .showHelpAfterError("(run zz-plan --help for usage)");

  const planOption = () => new Option("--plan <file>", "plan file (YAML)").default(bundledPlanPath, "the bundled Zhengzhou plan");
  const encodingOption = () => new Option("--encoding <name>", "data file encoding: auto, utf-8, utf-16le, utf-16be, gb18030 (gbk)").default("auto");
  const strictOption = () => new Option("--strict", "treat warnings (duplicate rows, future periods) as errors: exit 2");
  const kindOption = () => new Option("--kind <kind>", "read every file as this kind instead of recognising it by its columns").choices(kindNames);
  const rulesetOption = () => new Option("--ruleset <year>", "air-quality rule set for AQI computed from station readings (default: the plan's)").choices(airRulesets);

  program
    .command("check")
    .description("judge every target of the plan against the data files")
    .argument("<paths...>", "data files (.csv, .json) or folders to search")
    .addOption(planOption())
    .option("--as-of <date>", "judge as of this date (YYYY-MM-DD); default: the end of the latest period in the data")
    .addOption(new Option("--format <format>", "output format").choices(formats).default("table"))
    .option("--output <file>", "write the report to this file instead of stdout")
    .option("--task <id...>", "only these tasks (t05, 5, goals)")
    .option("--area <name...>", "only these areas (code, name or pinyin)")
    .addOption(new Option("--fail-on <status>", "exit 1 when a result is at or worse than this").choices(failOnChoices).default("fail"))
    .option("--basically <reading...>", "override the plan's 基本 readings: a number for all, or target-id=number")
    .addOption(encodingOption())
    .addOption(kindOption())
    .addOption(rulesetOption())
    .addOption(strictOption())
    .action(async (paths: string[], options: CheckOptions) => {
      exitCode = await runCheck(paths, options, io, color);
    });

  program
    .command("validate")
    .description("read and validate data files only; no targets are judged")
    .argument("<paths...>", "data files or folders")
    .addOption(planOption())
    .addOption(new Option("--format <format>", "output format").choices(["table", "json"]).default("table"))
    .addOption(encodingOption())
    .addOption(kindOption())
    .addOption(rulesetOption())
    .addOption(strictOption())
    .action(async (paths: string[], options: CommonOptions & { format: "table" | "json" }) => {
      exitCode = await runValidate(paths, options, io);
    });

  program
    .command("explain")
    .description("show how one target's status follows from the data rows, area by area")
    .argument("<target>", "target id (see zz-plan targets)")
    .argument("<paths...>", "data files or folders")
    .addOption(planOption())
    .option("--as-of <date>", "judge as of this date (YYYY-MM-DD)")
    .option("--area <name...>", "only these areas (code, name or pinyin)")
    .addOption(encodingOption())
    .addOption(kindOption())
    .addOption(rulesetOption())
    .action(async (target: string, paths: string[], options: CommonOptions & { asOf?: string; area?: string[] }) => {
      exitCode = await runExplain(target, paths, options, io);
    });

  program
    .command("errors")
    .description("list every problem code zz-plan reports, with its meaning and a valid example")
    .addOption(new Option("--format <format>", "output format").choices(["table", "json"]).default("table"))
    .action((options: { format: "table" | "json" }) => {
      io.writeOut(formatErrorCatalogue(errorCatalogue, options.format));
      exitCode = 0;
    });

  program
    .command("targets")
    .description("list every target of the plan")
    .addOption(planOption())
    .addOption(new Option("--format <format>", "output format").choices(targetFormats).default("table"))
    .action(async (options: { plan: string; format: TargetFormat }) => {
      const lookup = await loadLookup(options.plan, io);
      io.writeOut(formatTargets(lookup, options.format));
      exitCode = 0;
    });

  try {
    await program.parseAsync([...argv], { from: "node" });
    return exitCode;
  } catch (error) {
    return handleError(error, io);
  }
}

function handleError(error: unknown, io: Io): number {
  if (error instanceof CommanderError) {
    // --help and --version end here too, with exit code 0.
    return error.exitCode === 0 ? 0 : 2;
  }
  if (error instanceof ZzError) {
    for (const issue of [...error.issues].sort(compareIssues)) writeIssue(issue, io);
    return 2;
  }
  const detail = error instanceof Error ? error.message : String(error);
  io.writeErr(`zz-plan: internal error (version ${version}): ${detail}; please report it\n`);
  return 2;
}

function writeIssue(issue: Issue, io: Io): void {
  io.writeErr(`${formatIssue(issue)}\n`);
  if (issue.hint) io.writeErr(`    hint: ${issue.hint}\n`);
}

async function loadLookup(planPath: string, io: Io): Promise<PlanLookup> {
  let text: string;
  try {
    text = await io.readText(planPath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError("plan-unreadable", code === "ENOENT" ? "no such plan file" : `cannot read the plan file (${code ?? "error"})`, { location: { file: planPath } });
  }
  return buildLookup(loadPlan(text, planPath));
}

async function readData(paths: readonly string[], lookup: PlanLookup, options: CommonOptions, io: Io): Promise<DataSet> {
  const encoding = parseEncoding(options.encoding);
  if (!encoding) throw new UsageError("bad-argument", `--encoding "${options.encoding}" is not one of auto, utf-8, utf-16le, utf-16be, gb18030`);
  const listed = await io.listDataFiles(paths);
  const data = await readDataFiles(
    listed.files.map((file) => ({ file, open: () => io.openBytes(file) })),
    lookup,
    { encoding: encoding as EncodingChoice, ...(options.kind ? { kind: options.kind } : {}), ...(options.ruleset ? { ruleset: options.ruleset } : {}) },
  );
  return { ...data, issues: [...listed.issues, ...data.issues] };
}

async function runCheck(paths: string[], options: CheckOptions, io: Io, color: boolean): Promise<number> {
  const asOf = options.asOf === undefined ? undefined : parseAsOf(options.asOf);
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
  const text = formatters[options.format](report, { color: color && !options.output && options.format === "table" });
  if (options.output) await io.writeFileAtomic(options.output, text);
  else io.writeOut(text);
  for (const issue of [...report.issues].sort(compareIssues)) writeIssue(issue, io);
  return exitCodeFor(report, options.failOn, options.strict === true);
}

async function runExplain(target: string, paths: string[], options: CommonOptions & { asOf?: string; area?: string[] }, io: Io): Promise<number> {
  const asOf = options.asOf === undefined ? undefined : parseAsOf(options.asOf);
  const lookup = await loadLookup(options.plan, io);
  if (!lookup.targets.some((planned) => planned.target.id === target)) {
    const known = lookup.targets.map((planned) => planned.target.id);
    throw new UsageError("bad-argument", `"${target}" is not a target of the plan${suggest(target, known)}; zz-plan targets lists them`);
  }
  const areas = resolveAreas(options.area ?? [], lookup);
  const data = await readData(paths, lookup, options, io);
  const report = evaluate(lookup, data, { ...(asOf ? { asOf } : {}), targets: [target], areas });
  io.writeOut(formatExplanation(report, data.observations));
  for (const issue of [...report.issues].sort(compareIssues)) writeIssue(issue, io);
  return report.issues.some((issue) => issue.severity === "error") ? 2 : 0;
}

function resolveAreas(names: readonly string[], lookup: PlanLookup): string[] {
  return names.map((name) => {
    const area = lookup.findArea(name);
    if (!area) throw new UsageError("bad-argument", `--area "${name}" is not an area of the plan${lookup.suggestArea(name)}`);
    return area.code;
  });
}

async function runValidate(paths: string[], options: CommonOptions & { format: "table" | "json" }, io: Io): Promise<number> {
  const lookup = await loadLookup(options.plan, io);
  const data = await readData(paths, lookup, options, io);
  if (options.format === "json") {
    io.writeOut(`${JSON.stringify({ version: 1, inputs: data.files, observations: data.observations.length, issues: data.issues }, null, 2)}\n`);
  } else {
    for (const file of data.files) {
      io.writeOut(`${file.file}: ${file.rowsRead} rows read, ${file.rowsUsed} used, ${file.rowsRejected} rejected, ${file.rowsSkipped} skipped (${file.format}, ${file.encoding})\n`);
    }
    const errors = data.issues.filter((issue) => issue.severity === "error").length;
    io.writeOut(`${data.observations.length} observations; ${errors} problem(s), ${data.issues.length - errors} warning(s)\n`);
  }
  for (const issue of [...data.issues].sort(compareIssues)) writeIssue(issue, io);
  const hasErrors = data.issues.some((issue) => issue.severity === "error" || options.strict === true);
  return hasErrors ? 2 : 0;
}

/** 2 for bad input (or warnings under --strict), else 1 when a result reaches --fail-on, else 0. */
export function exitCodeFor(report: Report, failOn: FailOn, strict: boolean): number {
  if (report.issues.some((issue) => issue.severity === "error" || strict)) return 2;
  if (failOn === "never") return 0;
  return report.results.some((result) => atLeast(result.status, failOn as Status)) ? 1 : 0;
}

function parseAsOf(text: string): string {
  const parsed = parsePeriod(text);
  if (!parsed.ok || parsed.period.kind !== "day" || !/^\d{4}-\d{2}-\d{2}$/.test(text.trim())) {
    throw new UsageError("bad-argument", `--as-of "${text}" is not a date written YYYY-MM-DD`);
  }
  return parsed.period.end;
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

