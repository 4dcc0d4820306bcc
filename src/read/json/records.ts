import type { IssueCode } from "../../vocabulary/catalogue.js";
import { recordProblem, type Cell, type RecordOrProblem, type RecordProblem } from "../records.js";
import { describeChar, isLetter, JsonTokenizer, type Scalar } from "./tokens.js";

/**
 * A streaming reader for JSON data files: the structure over the tokens of tokens.ts.
 *
 * It keeps only the record being built and yields each record as soon as its object closes.
 * Nesting is tracked on an explicit stack, so no input can overflow the call stack.
 *
 * Accepted shapes:
 * - a top-level array of flat objects: `[ {...}, {...} ]`;
 * - an object with an `observations` key holding such an array; every other key is skipped
 *   (after being checked for well-formedness), before or after `observations`;
 * - JSON Lines: objects one after another with no commas, e.g. one per line. This is recognised
 *   when the data starts with an object that has no `observations` array and another `{` follows it.
 */

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

// What the reader expects next, between tokens.
const M_TOP_START = 0; // the first top-level value
const M_VALUE = 1; // a value, after ":" or after "," in an array
const M_ARRAY_FIRST = 2; // a value or "]", just after "["
const M_ARRAY_AFTER = 3; // "," or "]"
const M_OBJ_FIRST = 4; // a key or "}", just after "{"
const M_OBJ_KEY = 5; // a key, after ","
const M_OBJ_COLON = 6; // ":"
const M_OBJ_AFTER = 7; // "," or "}"
const M_TOP_END = 8; // after the top-level value: the end (or, for JSON Lines, the next record)

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

const observationsKey = "observations";

function describeValue(value: Scalar): string {
  if (typeof value === "string") return "a string";
  if (typeof value === "number") return "a number";
  return String(value);
}

function checkLimit(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer, got ${String(value)}`);
  return value;
}

/** The structure: feed it chunks with begin() and run(), then call end(); take what it finds from `out`. */
class JsonRecordParser extends JsonTokenizer {
  private readonly maxDepth: number;
  private readonly maxFields: number;

  private mode = M_TOP_START;

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

  /** What the string, number or word being read is to the reader. */
  private tokenContext = C_SKIP;

  constructor(options: JsonRecordsOptions) {
    const maxDepth = checkLimit("maxDepth", options.maxDepth, defaultMaxDepth);
    super(checkLimit("maxStringLength", options.maxStringLength, defaultMaxStringLength));
    this.maxDepth = maxDepth;
    this.maxFields = checkLimit("maxFields", options.maxFields, defaultMaxFields);
  }

  protected override endOfInput(line: number, column: number): void {
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

  protected override fail(code: IssueCode, message: string, line: number, column: number, hint?: string): void {
    super.fail(code, message, line, column, hint);
    this.cells = null;
    this.topCells = null;
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
    this.fail("json-syntax", `${this.expected()}, found ${found}`, this.line, this.columnOf(i), h);
  }

  /** A character outside any token. */
  protected override structural(c: number, s: string, i: number): void {
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
    const column = this.columnOf(i);
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
    if (isString) this.startString(line, column, false, context === C_CELL || context === C_TOPCELL);
    else if (isNumber) this.startNumber(line, column, c, s, i);
    else this.startWord(line, column, s, i);
  }

  private startKey(i: number): void {
    const role = this.roles[this.roles.length - 1];
    this.startString(this.line, this.columnOf(i), true, role === R_RECORD || role === R_TOP);
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
          recordProblem(
            "json-too-many-fields",
            `a record with more than ${this.maxFields} keys; it is skipped`,
            this.recordLine,
            this.recordColumn,
            { hint: "a record holds one observation: indicator, area, period, value and a few optional keys such as unit and note" },
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
    return recordProblem(
      "json-not-an-object",
      `expected an object (one record), found ${found}; it is skipped`,
      line,
      column,
      { hint: 'each record is an object such as { "indicator": "pm25-annual-mean", "area": "全市", "period": "2025-06", "value": 35 }' },
    );
  }

  protected override onKey(key: string): void {
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
    return recordProblem(
      "json-duplicate-key",
      `duplicate key ${JSON.stringify(key)}: the first value (line ${firstLine}, column ${firstColumn}) is kept and this one is ignored`,
      this.tokenLine,
      this.tokenColumn,
      { hint: "each key may appear only once in an object" },
    );
  }

  protected override onScalar(value: Scalar): void {
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