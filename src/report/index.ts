import type { Report } from "../engine/types.js";
import type { DataSet } from "../kinds/observation.js";
import type { PlanLookup } from "../plan/lookup.js";
import type { CatalogueEntry } from "../vocabulary/catalogue.js";
import { formatErrorCatalogueJson, formatErrorCatalogueTable } from "./catalogue.js";
import { formatExplanation, type Explanation } from "./explain.js";
import type { BacktestReport } from "../engine/backtest.js";
import { formatBacktestJson, formatBacktestMarkdown, formatBacktestTable } from "./backtest.js";
import type { Completeness } from "../engine/completeness.js";
import { formatCompletenessCsv, formatCompletenessJson, formatCompletenessTable } from "./completeness.js";
import type { Formatter } from "./formatter.js";
import { formatChangesGithub, formatChangesMarkdown, formatChangesReportJson, formatChangesTable, type ChangeReport } from "./changes.js";
import type { OutputCommand, OutputFormat } from "./formats.js";
import { formatGithub, formatValidationGithub } from "./github.js";
import { formatJson, formatValidationJson } from "./json.js";
import { formatJunit, formatValidationJunit } from "./junit.js";
import { formatCsv } from "./csv.js";
import { formatHtml } from "./html.js";
import { formatMarkdown } from "./markdown.js";
import { formatTable } from "./table.js";
import { formatTargetsJson, formatTargetsTable } from "./targets.js";
import { formatIndicatorsJson, formatIndicatorsTable } from "./indicators.js";
import { formatValidationTable } from "./validate.js";

export type { FormatOptions, Formatter } from "./formatter.js";
export { formats, outputFormats, type Format, type OutputCommand, type OutputFormat } from "./formats.js";
export type { Explanation } from "./explain.js";
export type { ChangeReport } from "./changes.js";

/** What each command hands its formatters. */
export interface OutputInputs {
  check: Report;
  validate: DataSet;
  explain: Explanation;
  targets: PlanLookup;
  indicators: PlanLookup;
  errors: readonly CatalogueEntry[];
  completeness: Completeness;
  diff: ChangeReport;
  backtest: BacktestReport;
}

/** A formatter for every format of every command. */
export type Outputs = { [Command in OutputCommand]: { [Name in OutputFormat<Command>]: Formatter<OutputInputs[Command]> } };

/** Every command's output formats: a new format is a name in formats.ts and a formatter here. */
export const outputs: Outputs = {
  check: { table: formatTable, markdown: formatMarkdown, html: formatHtml, csv: formatCsv, json: formatJson, github: formatGithub, junit: formatJunit },
  validate: { table: formatValidationTable, json: formatValidationJson, github: formatValidationGithub, junit: formatValidationJunit },
  explain: { text: formatExplanation },
  targets: { table: formatTargetsTable, json: formatTargetsJson },
  indicators: { table: formatIndicatorsTable, json: formatIndicatorsJson },
  errors: { table: formatErrorCatalogueTable, json: formatErrorCatalogueJson },
  completeness: { table: formatCompletenessTable, json: formatCompletenessJson, csv: formatCompletenessCsv },
  diff: { table: formatChangesTable, markdown: formatChangesMarkdown, json: formatChangesReportJson, github: formatChangesGithub },
  backtest: { table: formatBacktestTable, markdown: formatBacktestMarkdown, json: formatBacktestJson },
};

/** check's formatters. */
export const formatters = outputs.check;
