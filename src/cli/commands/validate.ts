import { outputs, type OutputFormat } from "../../report/index.js";
import { loadLookup, readData } from "../inputs.js";
import { writeIssues } from "../diagnostics.js";
import type { CommandContext, ReadingOptions } from "../options.js";

export interface ValidateOptions extends ReadingOptions {
  format: OutputFormat<"validate">;
  strict?: boolean;
}

/** Read and validate the data files only: 2 when a row or file has a problem (or any warning under --strict). */
export async function runValidate(paths: readonly string[], options: ValidateOptions, { io }: CommandContext): Promise<number> {
  const lookup = await loadLookup(options.plan, io);
  const data = await readData(paths, lookup, options, io);
  io.writeOut(outputs.validate[options.format](data, { color: false }));
  writeIssues(data.issues, io);
  const hasErrors = data.issues.some((issue) => issue.severity === "error" || options.strict === true);
  return hasErrors ? 2 : 0;
}
