import { fileURLToPath } from "node:url";
import { InvalidArgumentError, Option, type Command } from "commander";
import { kindNames, onConflictChoices, type OnConflict } from "../kinds/names.js";
import { outputFormats, type OutputCommand } from "../report/formats.js";
import { airRulesets, type AirRuleset } from "../vocabulary/rulesets.js";
import { languages, type Language } from "../vocabulary/language.js";
import type { Io } from "./io.js";

/*
 * The options several commands share, each made by one function so a command adds it with
 * `.addOption(planOption())`. This module stays light: --version and --help load it, so it names
 * choices (formats, kinds, rule sets) without loading what implements them.
 */

/** The bundled plan, found relative to this file in src/ and in dist/ alike. */
export const bundledPlanPath = fileURLToPath(new URL("../../plan/zhengzhou-2023-2025.yaml", import.meta.url));

/** What every command runs with besides its arguments and options. */
export interface CommandContext {
  io: Io;
  /** Whether stdout is a terminal that wants colour (NO_COLOR and FORCE_COLOR=0 turn it off). */
  color: boolean;
}

/** Options of every command that reads a plan. */
export interface PlanOptions {
  plan: string;
}

/** Options of every command that reads data files. */
export interface ReadingOptions extends PlanOptions {
  encoding: string;
  kind?: string;
  ruleset?: AirRuleset;
  onConflict: OnConflict;
  headerRow?: number;
  sheet?: string;
  /** The language of the progress line, where the command has --lang. */
  lang?: Language;
  /** No progress line either. */
  quiet?: boolean;
}

export { failOnChoices, type FailOn } from "../report/exit-codes.js";

export const planOption = () => new Option("--plan <file>", "plan file (YAML)").default(bundledPlanPath, "the bundled Zhengzhou plan");

export const formatOption = (command: OutputCommand) =>
  new Option("--format <format>", "output format").choices(outputFormats[command]).default(outputFormats[command][0]);

export const languageOption = () => new Option("--lang <language>", "report language (default: Chinese when the locale or the plan is Chinese, else English)").choices(languages);
/**
 * -f/--format and -o/--output, each repeatable (Spectral's style): the n-th --output receives the
 * n-th --format, a format without an --output goes to stdout, and the data is read once for all.
 */
export const repeatableOutputOptions = (command: OutputCommand) => {
  const choices: readonly string[] = outputFormats[command];
  return [
    new Option("-f, --format <format>", `output format, repeatable: ${choices.join(", ")} (default: ${choices[0]})`).argParser((value: string, previous: string[] | undefined) => {
      if (!choices.includes(value)) throw new InvalidArgumentError(`Allowed choices are ${choices.join(", ")}.`);
      return [...(previous ?? []), value];
    }),
    new Option("-o, --output <file>", "write the matching --format to this file instead of stdout; repeatable").argParser((value: string, previous: string[] | undefined) => [...(previous ?? []), value]),
  ];
};

/** ESLint's --max-warnings: more warnings than this is a failed run (exit 3). */
export const maxWarningsOption = () =>
  new Option("--max-warnings <count>", "exit 3 when the data has more warnings than this").argParser((value: string) => {
    if (!/^\d+$/.test(value.trim())) throw new InvalidArgumentError("Give a whole number of warnings, 0 or more.");
    return Number(value);
  });

/** zz-plan template's formats: text for Excel and WPS, or a workbook. */
export const templateFormats = ["csv", "xlsx"] as const;

export const asOfOption = (description = "judge as of this date (YYYY-MM-DD)") => new Option("--as-of <date>", description);

export const areaOption = () => new Option("--area <name...>", "only these areas (code, name or pinyin)");

export const strictOption = () => new Option("--strict", "treat warnings (duplicate rows, future periods) as errors: exit 3");

/** --encoding, --kind, --ruleset and --on-conflict: how data files are read. */
export const readingOptions = () => [
  new Option("--encoding <name>", "data file encoding: auto, utf-8, utf-16le, utf-16be, gb18030 (gbk)").default("auto"),
  new Option("--kind <kind>", "read every file as this kind instead of recognising it by its columns").choices(kindNames),
  new Option("--ruleset <year>", "air-quality rule set for AQI computed from station readings (default: the plan's)").choices(airRulesets),
  new Option("--header-row <line>", "the header is on this line (sheet row) of every file, when the title and notes above it hide it").argParser((value: string) => {
    if (!/^\d+$/.test(value.trim()) || Number(value) < 1) throw new InvalidArgumentError("Give a line number, 1 or more.");
    return Number(value);
  }),
  new Option("--sheet <name>", "read only this sheet of each workbook (.xlsx), by name or number from 1; default every sheet"),
  new Option("--on-conflict <rule>", "rows giving one indicator, area and period different values: the later 报送日期 (else the later file) wins, the earlier wins, or neither is used")
    .choices(onConflictChoices)
    .default("later"),
];

/** Adds options in the order given (commander has no addOptions); --help lists them in that order. */
export function withOptions(command: Command, options: readonly Option[]): Command {
  for (const option of options) command.addOption(option);
  return command;
}
