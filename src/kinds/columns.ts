import { issue } from "../vocabulary/catalogue.js";
import type { Location } from "../vocabulary/issues.js";
import { matchColumns, yesNoReader } from "../vocabulary/names.js";
import type { Cell } from "../read/records.js";
import { stripBinaryNoise } from "../standards/index.js";
import { parseValue } from "../vocabulary/value.js";
import type { RowSink } from "./kind.js";

// Reading the cells of raw monitoring records: shared by the water, vehicle and sewage kinds.

/** A yes/no cell, where 有 and 无 (present, absent) also answer. */
export const readYesNo = yesNoReader({ yes: ["有"], no: ["无"] });

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

/** part / whole as a percentage, without binary noise (1/3 is 33.3333333333, not ...336). */
export function percentShare(part: number, whole: number): number {
  return stripBinaryNoise((part / whole) * 100);
}

/** Rows dated before the earliest period any target looks at: skipped, and reported once a file. */
export interface EarlyRows {
  rows: number;
  first: Location | undefined;
}

export function skipEarlyRow(early: EarlyRows, sink: RowSink, location: Location): void {
  early.rows += 1;
  early.first ??= location;
  sink.skip();
}

export function reportEarlyRows(early: EarlyRows, sink: RowSink, rowsWord: string, earliestUsefulDate: string): void {
  if (early.rows === 0) return;
  sink.warn(issue(
    "before-baseline",
    `${early.rows} ${rowsWord} dated before ${earliestUsefulDate}, the earliest date any target looks at, were not used`,
    { location: early.first },
  ));
}
