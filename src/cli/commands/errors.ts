import { outputs, type OutputFormat } from "../../report/index.js";
import { errorCatalogue } from "../../vocabulary/catalogue.js";
import type { Language } from "../../vocabulary/language.js";
import { chooseLanguage } from "../language.js";
import type { CommandContext } from "../options.js";

export interface ErrorsOptions {
  format: OutputFormat<"errors">;
  lang?: Language;
}

/** List every problem code with its meaning and a valid example. */
export async function runErrors(options: ErrorsOptions, { io }: CommandContext): Promise<number> {
  io.writeOut(outputs.errors[options.format](errorCatalogue, { color: false, language: chooseLanguage(options.lang, io.env, undefined), width: io.stdoutColumns ?? 80 }));
  return 0;
}
