export interface FormatOptions {
  /** ANSI colour; only the terminal table uses it, and only when writing to a terminal. */
  color: boolean;
}

/** A formatter turns one command's result into text; the caller decides where the text goes. */
export type Formatter<Input> = (input: Input, options: FormatOptions) => string;
