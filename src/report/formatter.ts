import type { Status } from "../engine/types.js";
import type { Language } from "../vocabulary/language.js";
import type { Grouping } from "./brief.js";
import type { Changes } from "./json.js";
import type { FailOn } from "./outcome.js";

export interface FormatOptions {
  /** ANSI colour; only the terminal table uses it, and only when writing to a terminal. */
  color: boolean;
  /** The language of everything that is not data; English when not given. */
  language?: Language;
  /** Columns the terminal has (80 when unknown); Infinity for no limit (--wide). */
  width?: number;
  /** Every result and every warning, not just what needs action. */
  verbose?: boolean;
  /** List the results with these statuses instead of the problems (--status). */
  statuses?: readonly Status[];
  /** Scorecard rows per area or per task (--by). */
  by?: Grouping;
  /** How many results the lists show (--top). */
  top?: number;
  /** The status at or above which a result fails the run (CI formats mark those); default fail. */
  failOn?: FailOn;
  /** What changed since the --baseline report: the brief and the JSON carry it. */
  changes?: Changes;
}

/** A formatter turns one command's result into text; the caller decides where the text goes. */
export type Formatter<Input> = (input: Input, options: FormatOptions) => string;
