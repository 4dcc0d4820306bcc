import { Command, CommanderError, Option } from "commander";
import { terminal } from "../report/escape.js";
import { ZzError } from "../vocabulary/issues.js";
import type { BacktestOptions } from "./commands/backtest.js";
import type { CheckOptions } from "./commands/check.js";
import type { CompletenessOptions } from "./commands/completeness.js";
import type { DiffOptions } from "./commands/diff.js";
import type { ErrorsOptions } from "./commands/errors.js";
import type { ExplainOptions } from "./commands/explain.js";
import type { TargetsOptions } from "./commands/targets.js";
import type { TemplateOptions } from "./commands/template.js";
import type { IndicatorsOptions } from "./commands/indicators.js";
import type { ValidateOptions } from "./commands/validate.js";
import { writeIssues } from "./diagnostics.js";
import type { Io } from "./io.js";
import { diffExitCodeHelp, exitCodeHelp, exitCodes } from "../report/exit-codes.js";
import { tool } from "../report/tool.js";
import {
  areaOption,
  asOfOption,
  failOnChoices,
  formatOption,
  languageOption,
  maxWarningsOption,
  planOption,
  readingOptions,
  repeatableOutputOptions,
  strictOption,
  templateFormats,
  withOptions,
  type CommandContext,
} from "./options.js";

export { bundledPlanPath } from "./options.js";

export const version = tool.version;

/**
 * Run the command line. Returns the exit code (report/outcome.ts): 0 nothing at or above
 * --fail-on, 1 a result at or above it, 2 the tool could not run, 3 rejected rows. Never throws
 * for bad input.
 * Each command's module is imported only when that command runs, so --version and --help load
 * neither the plan schema nor the readers.
 */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  let exitCode = 0;
  const context: CommandContext = { io, color: io.stdoutIsTerminal && io.env.NO_COLOR === undefined && io.env.FORCE_COLOR !== "0" };
  const program = new Command()
    .name("zz-plan")
    .description("Check environmental data against the Zhengzhou 2023-2025 action plan's targets")
    .version(version, "-V, --version")
    .exitOverride()
    // commander's messages echo the arguments: escaped line by line (terminal()).
    .configureOutput({ writeOut: (text) => io.writeOut(text), writeErr: (text) => io.writeErr(text.split("\n").map(terminal).join("\n")) })
    .showHelpAfterError("(run zz-plan --help for usage)")
    .addHelpText("after", `\n${exitCodeHelp()}\n`);

  withOptions(program.command("check").description("judge every target of the plan against the data files").argument("<paths...>", "data files (.csv, .json) or folders to search"), [
    planOption(),
    asOfOption("judge as of this date (YYYY-MM-DD); default: the end of the latest period in the data"),
    ...repeatableOutputOptions("check"),
    new Option("--step-summary", "also append the markdown report to $GITHUB_STEP_SUMMARY (GitHub Actions), cut to its 1 MiB limit"),
    new Option("--task <id...>", "only these tasks (t05, 5, goals)"),
    areaOption(),
    new Option("--fail-on <status>", "exit 1 when a result is at or worse than this").choices(failOnChoices).default("fail"),
    new Option("--basically <reading...>", "override the plan's 基本 readings: a number for all, or target-id=number"),
    languageOption(),
    new Option("--wide", "table: no width limit (default: the terminal's width, 80 when unknown)"),
    new Option("--verbose", "every result and every warning, not just what needs action"),
    new Option("--quiet", "no warnings on stderr (rejected rows are still listed)"),
    new Option("--status <list>", "table: list the results with these statuses, e.g. pass,on-track"),
    new Option("--by <grouping>", "table: scorecard rows per area or per task").choices(["area", "task"]).default("area"),
    new Option("--top <n>", "how many results the lists show (table default 20, markdown and html 15)"),
    ...readingOptions(),
    strictOption(),
    maxWarningsOption(),
    new Option("--baseline <report.json>", "an earlier check report (-f json): the markdown and JSON also say what changed since it"),
  ])
    .addHelpText("after", `\n${exitCodeHelp()}\n`)
    .action(async (paths: string[], options: CheckOptions) => {
    const { runCheck } = await import("./commands/check.js");
    exitCode = await runCheck(paths, options, context);
  });

  withOptions(program.command("validate").description("read and validate data files only; no targets are judged").argument("<paths...>", "data files or folders"), [
    planOption(),
    ...repeatableOutputOptions("validate"),
    ...readingOptions(),
    strictOption(),
    maxWarningsOption(),
    languageOption(),
  ])
    .addHelpText("after", `\n${exitCodeHelp(false)}\n`)
    .action(async (paths: string[], options: ValidateOptions) => {
    const { runValidate } = await import("./commands/validate.js");
    exitCode = await runValidate(paths, options, context);
  });

  withOptions(
    program
      .command("explain")
      .description("show how one target's status follows from the data rows, area by area")
      .argument("<target>", "target id (see zz-plan targets)")
      .argument("<paths...>", "data files or folders"),
    [planOption(), asOfOption(), areaOption(), ...readingOptions(), formatOption("explain"), languageOption()],
  ).action(async (target: string, paths: string[], options: ExplainOptions) => {
    const { runExplain } = await import("./commands/explain.js");
    exitCode = await runExplain(target, paths, options, context);
  });

  withOptions(
    program
      .command("completeness")
      .description("who still owes what: every area x indicator x period the plan judges, present or missing")
      .argument("<paths...>", "data files or folders"),
    [
      planOption(),
      asOfOption("count periods up to this date (YYYY-MM-DD); default: the end of the latest period in the data"),
      new Option("--from <month>", "first month of the grid (YYYY-MM); default: January of the as-of year"),
      areaOption(),
      new Option("--all-indicators", "also list the indicators no file gives for any area"),
      formatOption("completeness"),
      new Option("--output <file>", "write the view to this file instead of stdout"),
      ...readingOptions(),
    ],
  ).action(async (paths: string[], options: CompletenessOptions) => {
    const { runCompleteness } = await import("./commands/completeness.js");
    exitCode = await runCompleteness(paths, options, context);
  });

  withOptions(
    program
      .command("backtest")
      .description("replay each complete year month by month: how far each projection method was from the year's value, and how often its status held")
      .argument("<paths...>", "data files or folders with earlier years (monthly rows; daily rows for resampling)"),
    [
      planOption(),
      areaOption(),
      new Option("--target <id...>", "only these targets (see zz-plan targets)"),
      formatOption("backtest"),
      new Option("--output <file>", "write the backtest to this file instead of stdout"),
      new Option("--verbose", "list every warning about the data, not just the first few"),
      languageOption(),
      ...readingOptions(),
    ],
  ).action(async (paths: string[], options: BacktestOptions) => {
    const { runBacktest } = await import("./commands/backtest.js");
    exitCode = await runBacktest(paths, options, context);
  });

  withOptions(
    program
      .command("diff")
      .description("what changed between two check reports (-f json): results newly failing or at risk, recovered, changed; rows newly rejected")
      .argument("<previous>", "the earlier report (zz-plan check -f json)")
      .argument("<current>", "the later report"),
    [
      planOption(),
      ...repeatableOutputOptions("diff"),
      new Option("--step-summary", "also append the markdown to $GITHUB_STEP_SUMMARY (GitHub Actions), cut to its 1 MiB limit"),
      new Option("--fail-on <status>", "exit 1 when a result newly reaches this status or worse").choices(failOnChoices).default("fail"),
      languageOption(),
      new Option("--wide", "table: no width limit"),
      new Option("--verbose", "table: every change, value-only changes too"),
      new Option("--top <n>", "table: how many status changes to list (default 30)"),
    ],
  )
    .addHelpText("after", `\n${diffExitCodeHelp}\n`)
    .action(async (previous: string, current: string, options: DiffOptions) => {
      const { runDiff } = await import("./commands/diff.js");
      exitCode = await runDiff(previous, current, options, context);
    });

  withOptions(program.command("template").description("the submission file an area fills in for a month or a year: Chinese headers, one row per indicator it owes, values empty"), [
    new Option("--area <name>", "the area (code, name or pinyin): 410181, 巩义市, Gongyi").makeOptionMandatory(),
    new Option("--period <period>", "the month (YYYY-MM) or year (YYYY) the file reports").makeOptionMandatory(),
    planOption(),
    new Option("--format <format>", "csv (UTF-8 with a BOM, for Excel and WPS) or xlsx").choices(templateFormats).default("csv"),
    new Option("-o, --output <file>", "write the template to this file instead of stdout (needed for xlsx)"),
  ]).action(async (options: TemplateOptions) => {
    const { runTemplate } = await import("./commands/template.js");
    exitCode = await runTemplate(options, context);
  });

  withOptions(program.command("errors").description("list every problem code zz-plan reports, with its meaning and a valid example"), [formatOption("errors"), languageOption()]).action(
    async (options: ErrorsOptions) => {
      const { runErrors } = await import("./commands/errors.js");
      exitCode = await runErrors(options, context);
    },
  );

  withOptions(program.command("targets").description("list every target of the plan"), [planOption(), formatOption("targets"), languageOption()]).action(async (options: TargetsOptions) => {
    const { runTargets } = await import("./commands/targets.js");
    exitCode = await runTargets(options, context);
  });

  withOptions(program.command("indicators").description("list every indicator: id, 中文名, unit, period and aliases"), [planOption(), formatOption("indicators")]).action(async (options: IndicatorsOptions) => {
    const { runIndicators } = await import("./commands/indicators.js");
    exitCode = await runIndicators(options, context);
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
    return error.exitCode === 0 ? exitCodes.clean : exitCodes.cannotRun;
  }
  if (error instanceof ZzError) {
    writeIssues(error.issues, io);
    return exitCodes.cannotRun;
  }
  const detail = error instanceof Error ? error.message : String(error);
  io.writeErr(`zz-plan: internal error (version ${version}): ${terminal(detail)}; please report it\n`);
  return exitCodes.cannotRun;
}
