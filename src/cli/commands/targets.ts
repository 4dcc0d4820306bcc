import { outputs, type OutputFormat } from "../../report/index.js";
import type { Language } from "../../vocabulary/language.js";
import { loadLookup } from "../inputs.js";
import { chooseLanguage } from "../language.js";
import type { CommandContext, PlanOptions } from "../options.js";

export interface TargetsOptions extends PlanOptions {
  format: OutputFormat<"targets">;
  lang?: Language;
}

/** List every target of the plan. */
export async function runTargets(options: TargetsOptions, { io }: CommandContext): Promise<number> {
  const lookup = await loadLookup(options.plan, io);
  io.writeOut(outputs.targets[options.format](lookup, { color: false, language: chooseLanguage(options.lang, io.env, lookup.plan.language), width: io.stdoutColumns ?? 80 }));
  return 0;
}
