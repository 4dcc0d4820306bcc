import type { IssueCode } from "../vocabulary/catalogue.js";
/** One cell of a record as it stood in the file, with where it stood. */
export interface Cell {
  /** Raw value: CSV cells are strings; JSON keeps its scalar types (a nested value is "object"). */
  value: string | number | boolean | null | { nested: "object" | "array" };
  line: number;
  column: number;
}

/**
 * One row of a data file before it is interpreted: a header name (as written) to its cell.
 * Maps, not objects, so that keys such as "__proto__" are only data.
 */
export interface DataRecord {
  line: number;
  column: number;
  cells: Map<string, Cell>;
}

/** Something wrong with the file's structure at a place; the reader goes on after it where it can. */
export interface RecordProblem {
  problem: true;
  code: IssueCode;
  message: string;
  line: number;
  column: number;
  hint?: string;
  /** Found in the header row or before it rather than in a data row: see the catalogue's rejectsRow. */
  inHeader?: boolean;
}

export type RecordOrProblem = DataRecord | RecordProblem;

/** A problem at a place in a file; inHeader is said by a table reader only (see RecordProblem). */
export function recordProblem(code: IssueCode, message: string, line: number, column: number, details: { hint?: string | undefined; inHeader?: boolean } = {}): RecordProblem {
  const made: RecordProblem = { problem: true, code, message, line, column };
  if (details.inHeader !== undefined) made.inHeader = details.inHeader;
  if (details.hint) made.hint = details.hint;
  return made;
}

export function isProblem(item: RecordOrProblem): item is RecordProblem {
  return "problem" in item;
}

/** The first record, and all records again from the start: a reader that decides on the first record's headers peeks. */
export async function peekFirstRecord(records: AsyncIterable<DataRecord>): Promise<{ first: DataRecord | undefined; rest: AsyncIterable<DataRecord> }> {
  const iterator = records[Symbol.asyncIterator]();
  const head = await iterator.next();
  const first = head.done ? undefined : head.value;
  async function* rest(): AsyncGenerator<DataRecord> {
    if (first) yield first;
    for (let item = await iterator.next(); !item.done; item = await iterator.next()) yield item.value;
  }
  return { first, rest: rest() };
}
