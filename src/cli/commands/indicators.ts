import { outputs, type OutputFormat } from "../../report/index.js";
import { loadLookup } from "../inputs.js";
import type { CommandContext, PlanOptions } from "../options.js";

export interface IndicatorsOptions extends PlanOptions {
  format: OutputFormat<"indicators">;
}

/** List every indicator of the plan with the names a data file may use for it. */
export async function runIndicators(options: IndicatorsOptions, { io }: CommandContext): Promise<number> {
  const lookup = await loadLookup(options.plan, io);
  io.writeOut(outputs.indicators[options.format](lookup, { color: false }));
  return 0;
}
