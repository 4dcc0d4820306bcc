import { outputs, type OutputFormat } from "../../report/index.js";
import { loadLookup } from "../inputs.js";
import type { CommandContext, PlanOptions } from "../options.js";

export interface TargetsOptions extends PlanOptions {
  format: OutputFormat<"targets">;
}

/** List every target of the plan. */
export async function runTargets(options: TargetsOptions, { io }: CommandContext): Promise<number> {
  const lookup = await loadLookup(options.plan, io);
  io.writeOut(outputs.targets[options.format](lookup, { color: false }));
  return 0;
}
