import { evaluate } from "../../engine/evaluate.js";
import { outputs, type OutputFormat } from "../../report/index.js";
import { dataFails, exitCodes } from "../../report/outcome.js";
import { loadLookup, parseAsOf, readData, resolveAreas, resolveTargets } from "../inputs.js";
import { formatDiagnostics } from "../../report/diagnostics.js";
import { chooseLanguage } from "../language.js";
import type { CommandContext, ReadingOptions } from "../options.js";

export interface ExplainOptions extends ReadingOptions {
  asOf?: string;
  area?: string[];
  format: OutputFormat<"explain">;
}

/** How one target's status follows from the data rows: 3 when the data has rejected rows. */
export async function runExplain(target: string, paths: readonly string[], options: ExplainOptions, { io }: CommandContext): Promise<number> {
  const asOf = parseAsOf(options.asOf);
  const lookup = await loadLookup(options.plan, io);
  resolveTargets([target], lookup);
  const areas = resolveAreas(options.area ?? [], lookup);
  const data = await readData(paths, lookup, options, io);
  const report = evaluate(lookup, data, { ...(asOf ? { asOf } : {}), targets: [target], areas });
  const language = chooseLanguage(options.lang, io.env, lookup.plan.language);
  io.writeOut(outputs.explain[options.format]({ report, observations: data.observations }, { color: false, language }));
  io.writeErr(formatDiagnostics(report.issues, { language, verbose: true, quiet: false }));
  return dataFails(report.issues, { strict: false }) ? exitCodes.dataRejected : exitCodes.clean;
}
