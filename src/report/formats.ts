/**
 * The output formats of each command, by name only: the command line offers them as --format
 * choices without loading a formatter. report/index.ts registers a formatter under every name
 * (its `satisfies` fails the build when one is missing or extra).
 */
export const outputFormats = {
  check: ["table", "markdown", "html", "csv", "json", "github", "junit"],
  validate: ["table", "json", "github", "junit"],
  explain: ["text"],
  targets: ["table", "json"],
  indicators: ["table", "json"],
  errors: ["table", "json"],
  completeness: ["table", "json", "csv"],
  diff: ["table", "markdown", "json", "github"],
  backtest: ["table", "markdown", "json"],
} as const;

export type OutputCommand = keyof typeof outputFormats;
export type OutputFormat<Command extends OutputCommand> = (typeof outputFormats)[Command][number];

/** check's formats, the ones most callers mean. */
export const formats = outputFormats.check;
export type Format = OutputFormat<"check">;
