import type { Issue, Location } from "../vocabulary/issues.js";
import { nameKey } from "../plan/lookup.js";
import { matchColumns } from "./observations.js";

export { locate } from "./observations.js";
import type { Cell, DataRecord } from "../read/records.js";
import { stripBinaryNoise } from "../standards/index.js";
import { parseValue } from "../vocabulary/value.js";
import type { RawRowSink } from "./kind.js";

// Reading the cells of raw monitoring records: shared by the water, vehicle and sewage kinds.

export function readYesNo(text: string): boolean | undefined {
  const key = nameKey(text);
  if (["是", "yes", "y", "true", "1", "√", "✓", "有"].includes(key)) return true;
  if (["否", "no", "n", "false", "0", "×", "✗", "无"].includes(key)) return false;
  return undefined;
}

export type NumberRead = { kind: "number"; value: number } | { kind: "missing" } | { kind: "invalid"; reason: string };

/**
 * A measured quantity: parseValue's number forms (full-width digits, thousands separators), but
 * not its milestone words (是, 完成, done read as 1), a percent sign, a boolean or a nested value.
 */
export function readNumber(raw: Cell["value"] | undefined): NumberRead {
  if (typeof raw === "boolean" || (raw !== null && typeof raw === "object")) return { kind: "invalid", reason: `${JSON.stringify(raw)} is not a number` };
  const parsed = parseValue(raw);
  if (parsed.kind !== "number") return parsed;
  if (typeof raw === "string" && !/\d/.test(raw.normalize("NFKC"))) return { kind: "invalid", reason: `"${raw.trim()}" is not a number` };
  if (parsed.percentSign) return { kind: "invalid", reason: `"${String(raw).trim()}" has a percent sign` };
  return { kind: "number", value: parsed.value };
}

/** A header without its unit in parentheses: 氨氮(mg/L) -> 氨氮. */
export function stripUnit(header: string): { name: string; unit: string } {
  const match = /^(.*?)\s*[(（\[]([^)）\]]*)[)）\]]\s*$/.exec(header.normalize("NFKC").trim());
  return match ? { name: match[1] ?? "", unit: (match[2] ?? "").trim() } : { name: header.trim(), unit: "" };
}

/** matchColumns, also trying each header without its unit in parentheses. */
export function matchRawColumns<C extends string>(headers: Iterable<string>, spellings: Record<C, readonly string[]>): Map<C, string> {
  const list = [...headers];
  const exact = matchColumns(list, spellings);
  const stripped = new Map<string, string>();
  for (const header of list) if (!stripped.has(stripUnit(header).name)) stripped.set(stripUnit(header).name, header);
  const loose = matchColumns(stripped.keys(), spellings);
  for (const [column, name] of loose) if (!exact.has(column)) exact.set(column, stripped.get(name) ?? name);
  return exact;
}

export function cellOf(record: DataRecord, header: string | undefined): Cell | undefined {
  return header === undefined ? undefined : record.cells.get(header);
}


export function missingColumns(file: string, record: DataRecord, missing: readonly string[], hint: string): Issue {
  return {
    code: "missing-column",
    severity: "error",
    message: `required column${missing.length > 1 ? "s" : ""} missing: ${missing.join("; ")}`,
    location: { file, line: record.line, column: 1 },
    hint,
  };
}


/** part / whole as a percentage, without binary noise (1/3 is 33.3333333333, not ...336). */
export function percentShare(part: number, whole: number): number {
  return stripBinaryNoise((part / whole) * 100);
}

/** Rows dated before the earliest period any target looks at: skipped, and reported once a file. */
export interface EarlyRows {
  rows: number;
  first: Location | undefined;
}

export function skipEarlyRow(early: EarlyRows, sink: RawRowSink, location: Location): void {
  early.rows += 1;
  early.first ??= location;
  sink.skip();
}

export function reportEarlyRows(early: EarlyRows, sink: RawRowSink, rowsWord: string, earliestUsefulDate: string): void {
  if (early.rows === 0) return;
  sink.warn({
    code: "before-baseline",
    severity: "warning",
    message: `${early.rows} ${rowsWord} dated before ${earliestUsefulDate}, the earliest date any target looks at, were not used`,
    ...(early.first ? { location: early.first } : {}),
  });
}
