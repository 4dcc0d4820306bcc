import { backtest } from "../../engine/backtest.js";
import { outputs, type OutputFormat } from "../../report/index.js";
import { formatDiagnostics } from "../../report/diagnostics.js";
import { chooseLanguage } from "../language.js";
import { loadLookup, readData, resolveAreas, resolveTargets } from "../inputs.js";
import type { CommandContext, ReadingOptions } from "../options.js";
import { checkOutputFiles, writeOutputFile } from "../outputs.js";

export interface BacktestOptions extends ReadingOptions {
  format: OutputFormat<"backtest">;
  output?: string;
  area?: string[];
  target?: string[];
  verbose?: boolean;
}

/** Replay the data month by month and score each projection method against the years' outcomes: 0, or 2 for unusable input. */
export async function runBacktest(paths: readonly string[], options: BacktestOptions, { io }: CommandContext): Promise<number> {
  await checkOutputFiles([options.output], io);
  const planned = await loadLookup(options.plan, io);
  const targets = resolveTargets(options.target ?? [], planned);
  // A backtest replays every year the files hold: the history window a check reads does not apply.
  const lookup = { ...planned, earliestUsefulDate: "0001-01-01" };
  const areas = resolveAreas(options.area ?? [], lookup);
  const data = await readData(paths, lookup, options, io, options.output ? [options.output] : []);
  const report = backtest(lookup, data, { areas, ...(targets.length > 0 ? { targets } : {}) });
  const language = chooseLanguage(options.lang, io.env, lookup.plan.language);
  const text = outputs.backtest[options.format](report, { color: false, language, width: options.output ? Infinity : (io.stdoutColumns ?? 80) });
  if (options.output) await writeOutputFile(options.output, text, io);
  else io.writeOut(text);
  io.writeErr(formatDiagnostics(data.issues, { language, verbose: options.verbose === true, quiet: false }));
  return data.issues.some((issue) => issue.severity === "error") ? 2 : 0;
}
