import type { IssueCode } from "../../vocabulary/catalogue.js";
import { recordProblem, type RecordOrProblem } from "../records.js";

/**
 * The tokens of JSON text given in string chunks (which may split tokens, escapes and surrogate
 * pairs anywhere): strings, numbers and the words true, false and null, each with the line and
 * column it starts at, read a character at a time with only the token in progress kept.
 * What the structure means (arrays, objects, records) is the subclass's: see records.ts.
 *
 * Positions are 1-based; a column counts UTF-16 code units from the start of its line, and LF,
 * CRLF and a lone CR each end a line. A UTF-8 byte-order mark at the start is skipped and not counted.
 */

export type Scalar = string | number | boolean | null;

// The token being read.
const T_NONE = 0; // none: between tokens, where the structure is read
const T_STRING = 1; // a string (key or value)
const T_NUMBER = 2; // a number
const T_WORD = 3; // a bare word: true, false, null (or something invalid)

// Where a number literal stands in the JSON number grammar.
const N_MINUS = 0; // after "-"
const N_ZERO = 1; // after a leading "0" (terminal)
const N_INT = 2; // in the integer digits (terminal)
const N_DOT = 3; // after "."
const N_FRAC = 4; // in the fraction digits (terminal)
const N_EXP = 5; // after "e" or "E"
const N_EXP_SIGN = 6; // after the exponent's sign
const N_EXP_DIGITS = 7; // in the exponent digits (terminal)
const N_END = -1; // the character is not part of the number: the number has ended
const N_BAD = -2; // the character cannot follow

const nanMessage = "NaN and Infinity are not valid JSON; write null or leave the value out";
const longestWord = 8; // "Infinity"

function nextNumberState(state: number, c: number): number {
  const digit = c >= 0x30 && c <= 0x39;
  const exponent = c === 0x65 || c === 0x45;
  switch (state) {
    case N_MINUS:
      return digit ? (c === 0x30 ? N_ZERO : N_INT) : N_BAD;
    case N_ZERO:
      return digit ? N_BAD : c === 0x2e ? N_DOT : exponent ? N_EXP : N_END;
    case N_INT:
      return digit ? N_INT : c === 0x2e ? N_DOT : exponent ? N_EXP : N_END;
    case N_DOT:
      return digit ? N_FRAC : N_BAD;
    case N_FRAC:
      return digit ? N_FRAC : exponent ? N_EXP : N_END;
    case N_EXP:
      return digit ? N_EXP_DIGITS : c === 0x2b || c === 0x2d ? N_EXP_SIGN : N_BAD;
    case N_EXP_SIGN:
      return digit ? N_EXP_DIGITS : N_BAD;
    default:
      return digit ? N_EXP_DIGITS : N_END;
  }
}

export function isLetter(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
}

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  if (c >= 0x41 && c <= 0x46) return c - 0x41 + 10;
  return -1;
}

function codePoint(c: number): string {
  return "U+" + c.toString(16).toUpperCase().padStart(4, "0");
}

/** The character at s[i], quoted for a message. */
export function describeChar(s: string, i: number): string {
  const c = s.charCodeAt(i);
  if (c < 0x20 || c === 0x7f) return `control character ${codePoint(c)}`;
  if (c === 0x22) return `'"'`;
  if (c >= 0xd800 && c <= 0xdbff) {
    const d = s.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return `"${s.slice(i, i + 2)}"`;
  }
  if (c >= 0xd800 && c <= 0xdfff) return codePoint(c);
  if (c === 0xfeff || c === 0xa0 || (c >= 0x2000 && c <= 0x200b) || c === 0x2028 || c === 0x2029 || c === 0x3000) {
    return `${codePoint(c)} (a space JSON does not allow)`;
  }
  return `"${s[i] ?? ""}"`;
}

/**
 * The tokenizer. Feed it chunks with begin() and run(), then call end(); take what it finds from
 * `out`. Between tokens every character other than white space goes to structural(); a finished
 * token goes to onKey() or onScalar(); the end of the input, outside a token, to endOfInput().
 */
export abstract class JsonTokenizer {
  /** Records and problems found and not yet taken. */
  readonly out: RecordOrProblem[] = [];
  /** Set after a fatal problem: nothing more will be read. */
  stopped = false;

  private chunk = "";
  private i = 0;
  /** Offset of chunk[0] in the whole text. */
  private base = 0;
  private sawFirstChar = false;

  protected line = 1;
  /** Offset in the whole text of the current line's first character. */
  private lineStart = 0;
  /** Offset of the last CR, so that a CRLF split across chunks counts once. */
  private lastCr = -2;

  // The token in progress.
  private token = T_NONE;
  protected tokenLine = 0;
  protected tokenColumn = 0;
  private tokenIsKey = false;
  private keepString = false;
  private text = "";
  private textLength = 0;
  /** 0: plain; 1: after a backslash; 2-5: reading the 4 hex digits of \u (2 + digits read so far). */
  private escape = 0;
  private hex = 0;
  private escapeLine = 0;
  private escapeColumn = 0;
  private numberState = N_INT;
  private negativeWord = false;

  /** Longest string allowed (key or value, in UTF-16 code units after unescaping), and longest number literal. */
  constructor(protected readonly maxStringLength: number) {}

  /** A character outside any token, at s[i], that is not white space. */
  protected abstract structural(c: number, s: string, i: number): void;
  /** A key has been read (see startString). */
  protected abstract onKey(key: string): void;
  /** A value other than an array or object has been read. */
  protected abstract onScalar(value: Scalar): void;
  /** The input has ended outside any token; line and column are the end's. */
  protected abstract endOfInput(line: number, column: number): void;

  /** Start reading the next chunk. */
  begin(chunk: string): void {
    this.base += this.chunk.length;
    this.chunk = chunk;
    this.i = 0;
    if (!this.sawFirstChar && chunk.length > 0) {
      this.sawFirstChar = true;
      if (chunk.charCodeAt(0) === 0xfeff) {
        this.i = 1;
        this.lineStart = 1;
      }
    }
  }

  get chunkDone(): boolean {
    return this.i >= this.chunk.length;
  }

  /** Read the current chunk until it is used up or something has been found. */
  run(): void {
    const s = this.chunk;
    const n = s.length;
    const out = this.out;
    let i = this.i;
    while (i < n && out.length === 0) {
      const token = this.token;
      if (token === T_STRING) {
        i = this.readString(s, i, n);
        continue;
      }
      if (token === T_NUMBER) {
        i = this.readNumber(s, i, n);
        continue;
      }
      if (token === T_WORD) {
        i = this.readWord(s, i, n);
        continue;
      }
      if (this.stopped) break;
      const c = s.charCodeAt(i);
      if (c === 0x20 || c === 0x09) {
        i++;
      } else if (c === 0x0a) {
        const at = this.base + i;
        if (this.lastCr !== at - 1) this.line++;
        this.lineStart = at + 1;
        i++;
      } else if (c === 0x0d) {
        const at = this.base + i;
        this.line++;
        this.lineStart = at + 1;
        this.lastCr = at;
        i++;
      } else {
        this.structural(c, s, i);
        i++;
      }
    }
    this.i = i;
  }

  /** The input has ended. */
  end(): void {
    if (this.stopped) return;
    const line = this.line;
    const column = this.column(this.base + this.chunk.length);
    switch (this.token) {
      case T_STRING:
        this.fail("json-syntax", "unterminated string: the input ends before its closing '\"'", this.tokenLine, this.tokenColumn);
        return;
      case T_NUMBER:
        if (this.numberState === N_ZERO || this.numberState === N_INT || this.numberState === N_FRAC || this.numberState === N_EXP_DIGITS) {
          this.finishNumber();
        } else {
          this.numberError(this.numberState, "the end of the input", line, column);
        }
        break;
      case T_WORD:
        this.finishWord();
        break;
    }
    if (this.stopped) return;
    this.endOfInput(line, column);
  }

  /** The column of chunk offset i on the current line. */
  protected columnOf(i: number): number {
    return this.column(this.base + i);
  }

  private column(offset: number): number {
    return offset - this.lineStart + 1;
  }

  /** A problem after which nothing more is read. */
  protected fail(code: IssueCode, message: string, line: number, column: number, hint?: string): void {
    this.out.push(recordProblem(code, message, line, column, { hint }));
    this.stopped = true;
    this.token = T_NONE;
    this.text = "";
  }

  /** A string starts at the '"' at (line, column); keep says whether its text is wanted. */
  protected startString(line: number, column: number, isKey: boolean, keep: boolean): void {
    this.token = T_STRING;
    this.tokenLine = line;
    this.tokenColumn = column;
    this.tokenIsKey = isKey;
    this.keepString = keep;
    this.text = "";
    this.textLength = 0;
    this.escape = 0;
  }

  /** A number starts with the "-" or digit c at s[i]. */
  protected startNumber(line: number, column: number, c: number, s: string, i: number): void {
    this.token = T_NUMBER;
    this.tokenLine = line;
    this.tokenColumn = column;
    this.numberState = c === 0x2d ? N_MINUS : c === 0x30 ? N_ZERO : N_INT;
    this.text = s[i] ?? "";
  }

  /** A bare word starts with the letter at s[i]. */
  protected startWord(line: number, column: number, s: string, i: number): void {
    this.token = T_WORD;
    this.tokenLine = line;
    this.tokenColumn = column;
    this.negativeWord = false;
    this.text = s[i] ?? "";
  }

  // ---- strings ----

  private tooLong(what: string): void {
    this.fail(
      "json-too-long",
      `${what} is longer than ${this.maxStringLength} characters`,
      this.tokenLine,
      this.tokenColumn,
      "a value or note in a data file is at most a few hundred characters: check that the file was exported as intended",
    );
  }

  private readString(s: string, start: number, n: number): number {
    let i = start;
    while (i < n) {
      if (this.escape === 0) {
        let j = i;
        let c = 0;
        while (j < n) {
          c = s.charCodeAt(j);
          if (c === 0x22 || c === 0x5c || c < 0x20) break;
          j++;
        }
        if (j > i) {
          this.textLength += j - i;
          if (this.textLength > this.maxStringLength) {
            this.tooLong(this.tokenIsKey ? "a key" : "a string");
            return j;
          }
          if (this.keepString) this.text += s.slice(i, j);
        }
        if (j >= n) return j;
        if (c === 0x22) {
          this.finishString();
          return j + 1;
        }
        if (c === 0x5c) {
          this.escape = 1;
          this.escapeLine = this.line;
          this.escapeColumn = this.column(this.base + j);
          i = j + 1;
          continue;
        }
        const column = this.column(this.base + j);
        if (c === 0x0a || c === 0x0d) {
          this.fail(
            "json-syntax",
            "unterminated string: a line break inside a string",
            this.line,
            column,
            `close the string that starts at line ${this.tokenLine}, column ${this.tokenColumn} on the same line, or write \\n`,
          );
        } else {
          this.fail(
            "json-syntax",
            `control character ${codePoint(c)} inside a string: it must be escaped`,
            this.line,
            column,
            c === 0x09 ? "write a tab as \\t" : `write it as \\u${c.toString(16).padStart(4, "0")}`,
          );
        }
        return j;
      }
      const c = s.charCodeAt(i);
      if (this.escape === 1) {
        let unescaped: string;
        switch (c) {
          case 0x22:
            unescaped = '"';
            break;
          case 0x5c:
            unescaped = "\\";
            break;
          case 0x2f:
            unescaped = "/";
            break;
          case 0x62:
            unescaped = "\b";
            break;
          case 0x66:
            unescaped = "\f";
            break;
          case 0x6e:
            unescaped = "\n";
            break;
          case 0x72:
            unescaped = "\r";
            break;
          case 0x74:
            unescaped = "\t";
            break;
          case 0x75:
            this.escape = 2;
            this.hex = 0;
            i++;
            continue;
          default:
            this.fail(
              "json-syntax",
              `invalid escape "\\${c < 0x20 ? "" : (s[i] ?? "")}" in a string: expected one of \\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX`,
              this.escapeLine,
              this.escapeColumn,
              "write a backslash itself as \\\\",
            );
            return i;
        }
        this.escape = 0;
        i++;
        if (!this.addEscaped(unescaped)) return i;
        continue;
      }
      // Reading the hex digits of \uXXXX.
      const d = hexValue(c);
      if (d < 0) {
        this.fail(
          "json-syntax",
          `invalid escape in a string: expected 4 hex digits after "\\u", found ${describeChar(s, i)}`,
          this.escapeLine,
          this.escapeColumn,
          "write a character as \\u followed by exactly 4 hex digits, e.g. \\u4e2d",
        );
        return i;
      }
      this.hex = this.hex * 16 + d;
      this.escape++;
      i++;
      if (this.escape === 6) {
        this.escape = 0;
        if (!this.addEscaped(String.fromCharCode(this.hex))) return i;
      }
    }
    return i;
  }

  private addEscaped(unit: string): boolean {
    this.textLength++;
    if (this.textLength > this.maxStringLength) {
      this.tooLong(this.tokenIsKey ? "a key" : "a string");
      return false;
    }
    if (this.keepString) this.text += unit;
    return true;
  }

  private finishString(): void {
    const value = this.text;
    this.text = "";
    this.token = T_NONE;
    if (this.tokenIsKey) this.onKey(value);
    else this.onScalar(value);
  }

  // ---- numbers ----

  private readNumber(s: string, start: number, n: number): number {
    let i = start;
    let state = this.numberState;
    while (i < n) {
      const next = nextNumberState(state, s.charCodeAt(i));
      if (next < 0) {
        this.numberState = state;
        this.text += s.slice(start, i);
        if (next === N_END) {
          this.finishNumber();
        } else if (state === N_MINUS && isLetter(s.charCodeAt(i))) {
          // "-Infinity", or some other word after a minus sign: read the word, then say what is wrong.
          this.token = T_WORD;
          this.negativeWord = true;
          this.text = "";
        } else {
          this.numberError(state, describeChar(s, i), this.line, this.column(this.base + i), s.charCodeAt(i));
        }
        return i;
      }
      state = next;
      i++;
    }
    this.numberState = state;
    this.text += s.slice(start, i);
    if (this.text.length > this.maxStringLength) this.tooLong("a number");
    return i;
  }

  private numberError(state: number, found: string, line: number, column: number, c = -1): void {
    const literal = JSON.stringify(this.text);
    let message: string;
    let hint: string | undefined;
    switch (state) {
      case N_MINUS:
        message = `expected a digit after "-", found ${found}`;
        break;
      case N_ZERO:
        message = `invalid number ${JSON.stringify(this.text + String.fromCharCode(c))}: a number cannot start with 0 followed by more digits`;
        hint = "write 1 rather than 01, or quote the value if it is a code";
        break;
      case N_DOT:
        message = `expected a digit after the decimal point in ${literal}, found ${found}`;
        hint = `write ${this.text}0 or ${this.text.slice(0, -1)}`;
        break;
      default:
        message = `expected a digit in the exponent of ${literal}, found ${found}`;
        break;
    }
    this.fail("json-syntax", message, line, column, hint);
  }

  private finishNumber(): void {
    const raw = this.text;
    this.text = "";
    this.token = T_NONE;
    if (raw.length > this.maxStringLength) {
      this.tooLong("a number");
      return;
    }
    const value = Number(raw);
    // Out of range (1e400): keep the literal so that later stages can reject it with the original text.
    this.onScalar(Number.isFinite(value) ? value : raw);
  }

  // ---- bare words ----

  private readWord(s: string, start: number, n: number): number {
    let i = start;
    while (i < n && isLetter(s.charCodeAt(i))) i++;
    this.text += s.slice(start, i);
    if (this.text.length > longestWord) {
      this.finishWord();
      return i;
    }
    if (i < n) this.finishWord();
    return i;
  }

  private finishWord(): void {
    const word = this.text;
    this.text = "";
    this.token = T_NONE;
    if (!this.negativeWord) {
      if (word === "true") return this.onScalar(true);
      if (word === "false") return this.onScalar(false);
      if (word === "null") return this.onScalar(null);
    }
    const shown = JSON.stringify((this.negativeWord ? "-" : "") + (word.length > longestWord ? word.slice(0, longestWord) + "…" : word));
    if (word === "NaN" || word === "Infinity") {
      this.fail("json-syntax", `found ${shown}: ${nanMessage}`, this.tokenLine, this.tokenColumn);
      return;
    }
    if (this.negativeWord) {
      this.fail("json-syntax", `expected a digit after "-", found ${shown}`, this.tokenLine, this.tokenColumn);
      return;
    }
    const lower = word.toLowerCase();
    const hint =
      lower === "true" || lower === "false" || lower === "null"
        ? `JSON literals are lowercase: write ${lower}`
        : "a text value must be in double quotes";
    this.fail("json-syntax", `expected a value, found ${shown}`, this.tokenLine, this.tokenColumn, hint);
  }
}
