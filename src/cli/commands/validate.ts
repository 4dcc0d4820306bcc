import { outputs, type OutputFormat } from "../../report/index.js";
import { dataFails, exitCodes } from "../../report/outcome.js";
import { loadLookup, readData } from "../inputs.js";
import { formatDiagnostics } from "../../report/diagnostics.js";
import { chooseLanguage } from "../language.js";
import type { CommandContext, ReadingOptions } from "../options.js";
import { checkOutputFiles, pairOutputs, writeOutputs } from "../outputs.js";

export interface ValidateOptions extends ReadingOptions {
  format?: OutputFormat<"validate">[];
  output?: string[];
  strict?: boolean;
  maxWarnings?: number;
}

/** Read and validate the data files only: 3 when a row or file has a problem (or too many warnings). */
export async function runValidate(paths: readonly string[], options: ValidateOptions, { io }: CommandContext): Promise<number> {
  const targets = pairOutputs(options.format, options.output, "table");
  await checkOutputFiles(targets.map((target) => target.file), io);
  const lookup = await loadLookup(options.plan, io);
  const data = await readData(paths, lookup, options, io, targets.flatMap((target) => (target.file === undefined ? [] : [target.file])));
  const language = chooseLanguage(options.lang, io.env, lookup.plan.language);
  await writeOutputs(targets, ({ format }) => outputs.validate[format](data, { color: false, language }), io);
  // Validation lists every problem and warning in full, in the report language.
  io.writeErr(formatDiagnostics(data.issues, { language, verbose: true, quiet: false }));
  const fails = dataFails(data.issues, { strict: options.strict === true, ...(options.maxWarnings !== undefined ? { maxWarnings: options.maxWarnings } : {}) });
  return fails ? exitCodes.dataRejected : exitCodes.clean;
}
