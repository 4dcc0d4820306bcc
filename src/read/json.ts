import type { IssueCode } from "../vocabulary/catalogue.js";
/**
 * A streaming reader for JSON data files.
 *
 * It reads string chunks (which may split tokens, escapes and surrogate pairs anywhere) with a
 * character-at-a-time state machine, keeps only the token in progress and the record being built,
 * and yields each record as soon as its object closes. Nesting is tracked on an explicit stack, so
 * no input can overflow the call stack.
 *
 * Accepted shapes:
 * - a top-level array of flat objects: `[ {...}, {...} ]`;
 * - an object with an `observations` key holding such an array; every other key is skipped
 *   (after being checked for well-formedness), before or after `observations`;
 * - JSON Lines: objects one after another with no commas, e.g. one per line. This is recognised
 *   when the data starts with an object that has no `observations` array and another `{` follows it.
 *
 * Positions are 1-based; a column counts UTF-16 code units from the start of its line, and LF,
 * CRLF and a lone CR each end a line. A UTF-8 byte-order mark at the start is skipped and not counted.
 */
import type { Cell, DataRecord, RecordOrProblem, RecordProblem } from "./records.js";

export interface JsonRecordsOptions {
  /** Deepest nesting of arrays and objects allowed, the outermost counting as 1. Default 64. */
  maxDepth?: number;
  /**
   * Longest string allowed (key or value, in UTF-16 code units after unescaping), and longest
   * number literal. Default 1,000,000.
   */
  maxStringLength?: number;
  /** Most keys in one record (as CSV's maxFields); a wider record is skipped. Default 1,000. */
  maxFields?: number;
}

export const defaultMaxDepth = 64;
export const defaultMaxFields = 1000;
export const defaultMaxStringLength = 1_000_000;

type Scalar = string | number | boolean | null;

// What the reader expects next.
const M_TOP_START = 0; // the first top-level value
const M_VALUE = 1; // a value, after ":" or after "," in an array
const M_ARRAY_FIRST = 2; // a value or "]", just after "["
const M_ARRAY_AFTER = 3; // "," or "]"
const M_OBJ_FIRST = 4; // a key or "}", just after "{"
const M_OBJ_KEY = 5; // a key, after ","
const M_OBJ_COLON = 6; // ":"
const M_OBJ_AFTER = 7; // "," or "}"
const M_TOP_END = 8; // after the top-level value: the end (or, for JSON Lines, the next record)
const M_STRING = 9; // inside a string (key or value)
const M_NUMBER = 10; // inside a number
const M_WORD = 11; // inside a bare word: true, false, null (or something invalid)
const M_DONE = 12; // stopped after a fatal problem

// What an open container is to the reader.
const R_RECORDS = 0; // the array whose elements are records
const R_RECORD = 1; // an object that becomes a DataRecord
const R_TOP = 2; // the top-level object: a wrapper with "observations", or the first JSON Lines record
const R_SKIP = 3; // anything else: checked, then skipped

// What a value being read is to the reader.
const C_TOP = 0; // the top-level value
const C_ELEMENT = 1; // an element of the records array (or a JSON Lines line)
const C_CELL = 2; // the value of a key in a record
const C_TOPCELL = 3; // the value of a key in the top-level object, kept in case it is a JSON Lines record
const C_OBSERVATIONS = 4; // the value of the top-level "observations" key
const C_SKIP = 5; // ignored

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

const observationsKey = "observations";
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

function isLetter(c: number): boolean {
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
function describeChar(s: string, i: number): string {
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

function describeValue(value: Scalar): string {
  if (typeof value === "string") return "a string";
  if (typeof value === "number") return "a number";
  return String(value);
}

function problem(code: IssueCode, message: string, line: number, column: number, hint?: string): RecordProblem {
  const p: RecordProblem = { problem: true, code, message, line, column };
  if (hint !== undefined) p.hint = hint;
  return p;
}

function checkLimit(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer, got ${String(value)}`);
  return value;
}

/** The state machine. Feed it chunks with begin() and run(), then call end(); take what it finds from `out`. */
class JsonRecordParser {
  /** Records and problems found and not yet taken. */
  readonly out: RecordOrProblem[] = [];
  /** Set after a fatal problem: nothing more will be read. */
  stopped = false;

  private readonly maxDepth: number;
  private readonly maxStringLength: number;
  private readonly maxFields: number;

  private mode = M_TOP_START;
  private chunk = "";
  private i = 0;
  /** Offset of chunk[0] in the whole text. */
  private base = 0;
  private sawFirstChar = false;

  private line = 1;
  /** Offset in the whole text of the current line's first character. */
  private lineStart = 0;
  /** Offset of the last CR, so that a CRLF split across chunks counts once. */
  private lastCr = -2;

  // Open containers, innermost last.
  private readonly roles: number[] = [];
  private readonly objects: boolean[] = [];
  private readonly openLines: number[] = [];
  private readonly openColumns: number[] = [];

  /** The key whose value is read next, and whether that value is to be ignored (a duplicate key). */
  private key = "";
  private skipValue = false;

  /** The record being built. */
  private cells: Map<string, Cell> | null = null;
  private recordLine = 0;
  private recordColumn = 0;
  /** Set when the record being read has more keys than maxFields: its cells are no longer kept. */
  private recordTooWide = false;

  /** The top-level object: a wrapper, or (if no "observations" turns up) the first JSON Lines record. */
  private topCells: Map<string, Cell> | null = null;
  private topProblems: RecordProblem[] = [];
  private topLine = 0;
  private topColumn = 0;
  private sawObservations = false;
  private observationsLine = 0;
  private observationsColumn = 0;
  private topClosedWithoutObservations = false;
  private jsonLines = false;

  /** A records-array element that is not an object, reported once it has been read. */
  private elementLine = 0;
  private elementColumn = 0;

  // The token in progress.
  private tokenContext = C_SKIP;
  private tokenLine = 0;
  private tokenColumn = 0;
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

  constructor(options: JsonRecordsOptions) {
    this.maxDepth = checkLimit("maxDepth", options.maxDepth, defaultMaxDepth);
    this.maxStringLength = checkLimit("maxStringLength", options.maxStringLength, defaultMaxStringLength);
    this.maxFields = checkLimit("maxFields", options.maxFields, defaultMaxFields);
  }

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
      const mode = this.mode;
      if (mode === M_STRING) {
        i = this.readString(s, i, n);
        continue;
      }
      if (mode === M_NUMBER) {
        i = this.readNumber(s, i, n);
        continue;
      }
      if (mode === M_WORD) {
        i = this.readWord(s, i, n);
        continue;
      }
      if (mode === M_DONE) break;
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
    const at = this.base + this.chunk.length;
    const line = this.line;
    const column = this.column(at);
    switch (this.mode) {
      case M_STRING:
        this.fail(
          "json-syntax",
          "unterminated string: the input ends before its closing '\"'",
          this.tokenLine,
          this.tokenColumn,
        );
        return;
      case M_NUMBER:
        if (this.numberState === N_ZERO || this.numberState === N_INT || this.numberState === N_FRAC || this.numberState === N_EXP_DIGITS) {
          this.finishNumber();
        } else {
          this.numberError(this.numberState, "the end of the input", line, column);
        }
        break;
      case M_WORD:
        this.finishWord();
        break;
    }
    if (this.stopped) return;
    switch (this.mode) {
      case M_TOP_START:
        this.fail("json-empty", "the data file is empty: expected an array of records", 1, 1);
        return;
      case M_TOP_END:
        if (this.topClosedWithoutObservations && !this.jsonLines) {
          const observations = this.topCells?.get(observationsKey);
          if (observations !== undefined) {
            const v = observations.value;
            const found = v !== null && typeof v === "object" ? (v.nested === "object" ? "an object" : "an array") : describeValue(v);
            this.shapeError(C_OBSERVATIONS, found, observations.line, observations.column);
            return;
          }
          this.fail(
            "json-shape",
            `expected the top-level object to have an "${observationsKey}" key holding an array of records`,
            this.topLine,
            this.topColumn,
            'write the records as [ {...}, {...} ] or as { "observations": [ {...}, {...} ] }',
          );
        }
        return;
      default: {
        const depth = this.roles.length;
        const openLine = this.openLines[depth - 1];
        const openColumn = this.openColumns[depth - 1];
        const what = this.objects[depth - 1] ? "object" : "array";
        const hint =
          openLine === undefined || openColumn === undefined
            ? undefined
            : `the ${what} that opens at line ${openLine}, column ${openColumn} is not closed`;
        this.fail("json-syntax", `unexpected end of input: ${this.expected()}`, line, column, hint);
      }
    }
  }

  private column(offset: number): number {
    return offset - this.lineStart + 1;
  }

  private fail(code: IssueCode, message: string, line: number, column: number, hint?: string): void {
    this.out.push(problem(code, message, line, column, hint));
    this.stopped = true;
    this.mode = M_DONE;
    this.cells = null;
    this.topCells = null;
    this.text = "";
  }

  /** What the reader expected in the current (structural) mode, for messages. */
  private expected(): string {
    switch (this.mode) {
      case M_TOP_START:
        return 'expected "[" or "{" at the start of the data';
      case M_VALUE:
        return this.objects[this.objects.length - 1] ? 'expected a value after ":"' : 'expected a value after ","';
      case M_ARRAY_FIRST:
        return 'expected a value or "]"';
      case M_ARRAY_AFTER:
        return 'expected "," or "]" after a value';
      case M_OBJ_FIRST:
        return 'expected a key in double quotes or "}"';
      case M_OBJ_KEY:
        return 'expected a key in double quotes after ","';
      case M_OBJ_COLON:
        return `expected ":" after the key ${JSON.stringify(this.key)}`;
      case M_OBJ_AFTER:
        return 'expected "," or "}" after a value';
      case M_TOP_END:
        return this.jsonLines || this.topClosedWithoutObservations
          ? "expected the next record (an object) or the end of the data"
          : `expected the end of the data after the top-level ${this.topLine > 0 ? "object" : "array"}`;
      default:
        return "expected a value";
    }
  }

  private unexpected(s: string, i: number, hint?: string): void {
    const found = describeChar(s, i);
    let h = hint;
    if (h === undefined) {
      const c = s.charCodeAt(i);
      if (c === 0x27) h = "JSON strings and keys use double quotes";
      else if (c === 0x2f) h = "JSON has no comments";
    }
    this.fail("json-syntax", `${this.expected()}, found ${found}`, this.line, this.column(this.base + i), h);
  }

  /** A character outside any token. */
  private structural(c: number, s: string, i: number): void {
    switch (this.mode) {
      case M_TOP_START:
        this.startValue(c, s, i);
        return;
      case M_ARRAY_FIRST:
        if (c === 0x5d) this.close();
        else this.startValue(c, s, i);
        return;
      case M_VALUE:
        this.startValue(c, s, i);
        return;
      case M_ARRAY_AFTER:
        if (c === 0x2c) this.mode = M_VALUE;
        else if (c === 0x5d) this.close();
        else this.unexpected(s, i, c === 0x7b || c === 0x22 || c === 0x5b ? 'a "," is missing between two elements' : undefined);
        return;
      case M_OBJ_FIRST:
        if (c === 0x22) this.startKey(i);
        else if (c === 0x7d) this.close();
        else this.unexpected(s, i, isLetter(c) ? "keys must be in double quotes" : undefined);
        return;
      case M_OBJ_KEY:
        if (c === 0x22) this.startKey(i);
        else this.unexpected(s, i, c === 0x7d ? 'remove the "," before "}"' : isLetter(c) ? "keys must be in double quotes" : undefined);
        return;
      case M_OBJ_COLON:
        if (c === 0x3a) this.mode = M_VALUE;
        else this.unexpected(s, i);
        return;
      case M_OBJ_AFTER:
        if (c === 0x2c) this.mode = M_OBJ_KEY;
        else if (c === 0x7d) this.close();
        else this.unexpected(s, i, c === 0x22 ? 'a "," is missing between two entries' : undefined);
        return;
      case M_TOP_END:
        if (this.topClosedWithoutObservations && !this.jsonLines && c === 0x7b) {
          // A second top-level object: the data is JSON Lines, and the first object was its first record.
          this.jsonLines = true;
          for (const p of this.topProblems) this.out.push(p);
          this.topProblems = [];
          this.out.push({ line: this.topLine, column: this.topColumn, cells: this.topCells ?? new Map() });
          this.topCells = null;
        }
        if (c === 0x2c) this.unexpected(s, i, "a JSON Lines file has one object per line, with no commas between them");
        else if (this.jsonLines) this.startValue(c, s, i);
        else this.unexpected(s, i);
        return;
    }
  }

  /** What the value about to be read is to the reader. */
  private valueContext(): number {
    const depth = this.roles.length;
    if (depth === 0) return this.jsonLines ? C_ELEMENT : C_TOP;
    switch (this.roles[depth - 1]) {
      case R_RECORDS:
        return C_ELEMENT;
      case R_RECORD:
        return this.skipValue ? C_SKIP : C_CELL;
      case R_TOP:
        if (this.skipValue) return C_SKIP;
        if (this.key === observationsKey) return C_OBSERVATIONS;
        return this.sawObservations ? C_SKIP : C_TOPCELL;
      default:
        return C_SKIP;
    }
  }

  private startValue(c: number, s: string, i: number): void {
    let context = this.valueContext();
    // "observations" holding something other than an array may still be a field of the first JSON Lines
    // record; it is an error only if the data turns out not to be JSON Lines (see end()).
    if (context === C_OBSERVATIONS && c !== 0x5b) context = C_TOPCELL;
    const line = this.line;
    const column = this.column(this.base + i);
    if (c === 0x7b || c === 0x5b) {
      const isObject = c === 0x7b;
      if (this.roles.length >= this.maxDepth) {
        this.fail(
          "json-too-deep",
          `arrays and objects are nested more than ${this.maxDepth} levels deep`,
          line,
          column,
          "records must be flat objects; deep nesting is not supported",
        );
        return;
      }
      let role = R_SKIP;
      switch (context) {
        case C_TOP:
          role = isObject ? R_TOP : R_RECORDS;
          if (isObject) {
            this.topCells = new Map();
            this.topLine = line;
            this.topColumn = column;
          }
          break;
        case C_OBSERVATIONS:
          role = R_RECORDS;
          this.sawObservations = true;
          this.observationsLine = line;
          this.observationsColumn = column;
          this.topCells = null;
          this.topProblems = [];
          break;
        case C_ELEMENT:
          if (isObject) {
            role = R_RECORD;
            this.cells = new Map();
            this.recordTooWide = false;
            this.recordLine = line;
            this.recordColumn = column;
          } else {
            this.elementLine = line;
            this.elementColumn = column;
          }
          break;
        case C_CELL:
          this.cells?.set(this.key, { value: { nested: isObject ? "object" : "array" }, line, column });
          break;
        case C_TOPCELL:
          this.topCells?.set(this.key, { value: { nested: isObject ? "object" : "array" }, line, column });
          break;
      }
      this.roles.push(role);
      this.objects.push(isObject);
      this.openLines.push(line);
      this.openColumns.push(column);
      this.mode = isObject ? M_OBJ_FIRST : M_ARRAY_FIRST;
      return;
    }
    const isString = c === 0x22;
    const isNumber = c === 0x2d || (c >= 0x30 && c <= 0x39);
    if (!isString && !isNumber && !isLetter(c)) {
      this.unexpected(
        s,
        i,
        c === 0x5d && this.mode === M_VALUE ? 'remove the "," before "]"' : c === 0x2e ? "a number must start with a digit, as in 0.5" : undefined,
      );
      return;
    }
    if (context === C_TOP && !isLetter(c)) {
      this.shapeError(context, isString ? "a string" : "a number", line, column);
      return;
    }
    this.tokenContext = context;
    this.tokenLine = line;
    this.tokenColumn = column;
    if (isString) {
      this.mode = M_STRING;
      this.tokenIsKey = false;
      this.keepString = context === C_CELL || context === C_TOPCELL;
      this.text = "";
      this.textLength = 0;
      this.escape = 0;
    } else if (isNumber) {
      this.mode = M_NUMBER;
      this.numberState = c === 0x2d ? N_MINUS : c === 0x30 ? N_ZERO : N_INT;
      this.text = s[i] ?? "";
    } else {
      this.mode = M_WORD;
      this.negativeWord = false;
      this.text = s[i] ?? "";
    }
  }

  private startKey(i: number): void {
    const role = this.roles[this.roles.length - 1];
    this.mode = M_STRING;
    this.tokenIsKey = true;
    this.keepString = role === R_RECORD || role === R_TOP;
    this.tokenLine = this.line;
    this.tokenColumn = this.column(this.base + i);
    this.text = "";
    this.textLength = 0;
    this.escape = 0;
  }

  private shapeError(context: number, found: string, line: number, column: number): void {
    if (context === C_OBSERVATIONS) {
      this.fail("json-shape", `expected "${observationsKey}" to hold an array of records, found ${found}`, line, column, 'write "observations": [ {...}, {...} ]');
    } else {
      this.fail(
        "json-shape",
        `expected an array of records or an object with an "${observationsKey}" array, found ${found}`,
        line,
        column,
        'write the records as [ {...}, {...} ] or as { "observations": [ {...}, {...} ] }',
      );
    }
  }

  /** A "]" or "}" that closes the innermost container. */
  private close(): void {
    const role = this.roles.pop();
    this.objects.pop();
    this.openLines.pop();
    this.openColumns.pop();
    if (role === R_RECORD) {
      if (this.recordTooWide) {
        this.out.push(
          problem(
            "json-too-many-fields",
            `a record with more than ${this.maxFields} keys; it is skipped`,
            this.recordLine,
            this.recordColumn,
            "a record holds one observation: indicator, area, period, value and a few optional keys such as unit and note",
          ),
        );
      } else {
        this.out.push({ line: this.recordLine, column: this.recordColumn, cells: this.cells ?? new Map() });
      }
      this.cells = null;
    } else if (role === R_TOP) {
      if (!this.sawObservations) this.topClosedWithoutObservations = true;
      this.topProblems = this.sawObservations ? [] : this.topProblems;
    } else if (role === R_SKIP) {
      const depth = this.roles.length;
      const parent = this.roles[depth - 1];
      if (parent === R_RECORDS || (depth === 0 && this.jsonLines)) {
        this.out.push(this.notAnObject("an array", this.elementLine, this.elementColumn));
      }
    }
    this.afterValue();
  }

  private afterValue(): void {
    this.skipValue = false;
    const depth = this.roles.length;
    if (depth === 0) this.mode = M_TOP_END;
    else this.mode = this.objects[depth - 1] ? M_OBJ_AFTER : M_ARRAY_AFTER;
  }

  private notAnObject(found: string, line: number, column: number): RecordProblem {
    return problem(
      "json-not-an-object",
      `expected an object (one record), found ${found}; it is skipped`,
      line,
      column,
      'each record is an object such as { "indicator": "pm25-annual-mean", "area": "全市", "period": "2025-06", "value": 35 }',
    );
  }

  private onKey(key: string): void {
    this.key = key;
    this.skipValue = false;
    this.mode = M_OBJ_COLON;
    const role = this.roles[this.roles.length - 1];
    if (role === R_RECORD) {
      const first = this.cells?.get(key);
      if (first !== undefined) {
        this.out.push(this.duplicate(key, first.line, first.column));
        this.skipValue = true;
      } else if (this.cells && this.cells.size >= this.maxFields) {
        // Stopped like an over-wide CSV row: the rest is checked for syntax but not kept.
        this.recordTooWide = true;
        this.cells = null;
      }
    } else if (role === R_TOP) {
      if (!this.sawObservations && (this.topCells?.size ?? 0) >= this.maxFields && !this.topCells?.has(key)) {
        this.fail("json-too-many-fields", `the top-level object has more than ${this.maxFields} keys`, this.tokenLine, this.tokenColumn, 'write the records as [ {...}, {...} ] or as { "observations": [ {...}, {...} ] }');
        return;
      }
      if (this.sawObservations) {
        if (key === observationsKey) {
          this.out.push(this.duplicate(key, this.observationsLine, this.observationsColumn));
          this.skipValue = true;
        }
      } else {
        const first = this.topCells?.get(key);
        if (first !== undefined) {
          this.topProblems.push(this.duplicate(key, first.line, first.column));
          this.skipValue = true;
        }
      }
    }
  }

  private duplicate(key: string, firstLine: number, firstColumn: number): RecordProblem {
    return problem(
      "json-duplicate-key",
      `duplicate key ${JSON.stringify(key)}: the first value (line ${firstLine}, column ${firstColumn}) is kept and this one is ignored`,
      this.tokenLine,
      this.tokenColumn,
      "each key may appear only once in an object",
    );
  }

  private onScalar(value: Scalar): void {
    switch (this.tokenContext) {
      case C_CELL:
        this.cells?.set(this.key, { value, line: this.tokenLine, column: this.tokenColumn });
        break;
      case C_TOPCELL:
        this.topCells?.set(this.key, { value, line: this.tokenLine, column: this.tokenColumn });
        break;
      case C_ELEMENT:
        this.out.push(this.notAnObject(describeValue(value), this.tokenLine, this.tokenColumn));
        break;
      case C_TOP:
        this.shapeError(this.tokenContext, describeValue(value), this.tokenLine, this.tokenColumn);
        return;
    }
    this.afterValue();
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
          this.mode = M_WORD;
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

/**
 * Read records from JSON text given as chunks. Yields each record as soon as its object closes,
 * non-fatal problems (duplicate key, element that is not an object) where they occur, and at most
 * one fatal problem (json-syntax, json-shape, json-empty, json-too-deep, json-too-long), after which
 * it stops without reading further.
 */
export async function* readJsonRecords(
  chunks: AsyncIterable<string> | Iterable<string>,
  options: JsonRecordsOptions = {},
): AsyncGenerator<RecordOrProblem> {
  const parser = new JsonRecordParser(options);
  const out = parser.out;
  for await (const chunk of chunks) {
    if (typeof chunk !== "string") throw new TypeError(`readJsonRecords expects string chunks, got ${typeof chunk}`);
    parser.begin(chunk);
    for (;;) {
      parser.run();
      for (let k = 0; k < out.length; k++) yield out[k] as RecordOrProblem;
      out.length = 0;
      if (parser.stopped) return;
      if (parser.chunkDone) break;
    }
  }
  parser.end();
  for (const item of out) yield item;
  out.length = 0;
}
