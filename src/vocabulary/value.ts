import { doneWords as doneWordList, notDoneWords as notDoneWordList } from "./names.js";

/** What a cell's value turned out to be. */
export type ValueParse =
  | {
      kind: "number";
      value: number;
      percentSign: boolean;
      /** Read from a yes/no word (完成, done, true) rather than from digits: only a milestone takes it. */
      word?: true;
    }
  | { kind: "missing" }
  | { kind: "invalid"; reason: string };

/** Spellings analysts use for "no value". They are reported, never read as zero. */
const missingMarkers = new Set(["", "na", "n/a", "n.a.", "nan", "null", "none", "-", "--", "—", "——", "–", "/", "无", "空", "缺测", "未测", "暂无", "#n/a"]);

/** Excel's formula errors, which are a broken formula rather than a value. */
const spreadsheetErrors = new Set(["#value!", "#div/0!", "#ref!", "#name?", "#num!", "#null!", "#calc!", "#spill!", "#getting_data"]);

const doneWords = new Set<string>(doneWordList);
const notDoneWords = new Set<string>(notDoneWordList);

const plainNumber = /^\d+(?:\.\d+)?$/;

/** Longest text shown back in a message. */
const shownLength = 40;

/**
 * Read a number as typed into Excel or a form: full-width digits and signs, thousands separators
 * (1,234.5 and 1，234), a trailing percent sign, surrounding spaces. A space between digits ("3 5")
 * makes it no number. Milestone words (完成, done)
 * read as 1 and 0.
 */
export function parseValue(raw: unknown): ValueParse {
  if (typeof raw === "number") {
    return Number.isFinite(raw) ? { kind: "number", value: Object.is(raw, -0) ? 0 : raw, percentSign: false } : { kind: "invalid", reason: `${raw} is not a finite number` };
  }
  if (typeof raw === "boolean") return { kind: "number", value: raw ? 1 : 0, percentSign: false, word: true };
  if (raw === null || raw === undefined) return { kind: "missing" };
  if (typeof raw !== "string") return { kind: "invalid", reason: "a nested object or array is not a value" };
  // The common case, plain digits with or without a point, reads the same as through the steps below.
  if (plainNumber.test(raw)) {
    const value = Number(raw);
    if (Number.isFinite(value)) return { kind: "number", value, percentSign: false };
  }

  const text = raw.normalize("NFKC").trim().replace(/[\s]+/g, " ");
  const lower = text.toLowerCase();
  const shown = JSON.stringify(raw.length > shownLength ? `${raw.slice(0, shownLength)}…` : raw);
  if (missingMarkers.has(lower)) return { kind: "missing" };
  if (spreadsheetErrors.has(lower)) return { kind: "invalid", reason: `${shown} is a spreadsheet formula error, not a value` };
  if (doneWords.has(lower)) return { kind: "number", value: 1, percentSign: false, word: true };
  if (notDoneWords.has(lower)) return { kind: "number", value: 0, percentSign: false, word: true };

  // A space between a sign and its number, or before a percent sign, is layout ("- 5", "66.5 %");
  // a space between digits is not: "3 5" may be 35, 3.5 or two readings, so it is no number.
  const spaced = text.replace(/^([+\-−–])\s+/, "$1").replace(/\s+%$/, "%");
  if (/[\d.,]\s+[\d.,]/.test(spaced)) {
    return { kind: "invalid", reason: `${shown} has a space inside the number; write one number with a point for decimals (38.5) and, if need be, commas for thousands (1,234)` };
  }
  let body = spaced.replace(/\s/g, "").replace(/^\+/, "").replace(/[−–]/g, "-");
  const percentSign = body.endsWith("%");
  if (percentSign) body = body.slice(0, -1);
  if (/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(body)) body = body.replace(/,/g, "");
  if (!/^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(body)) {
    if (/^-?\d+(,\d+)+$/.test(body)) {
      return { kind: "invalid", reason: `${shown} has a comma that is not a thousands separator; use a point for decimals (38.5)` };
    }
    if (/^[<>≤≥]=?\d/.test(body)) {
      return { kind: "invalid", reason: `${shown} is a bound, not a value (a result below the detection limit?); give the number to judge` };
    }
    if (/^-?(\d+\.?\d*|\.\d+)[a-zA-Zµμ\u4e00-\u9fff][a-zA-Zµμ/\u4e00-\u9fff²³23·.()]*$/.test(body)) {
      return { kind: "invalid", reason: `${shown} has text after the number; put the unit in a unit column` };
    }
    return { kind: "invalid", reason: `${shown} is not a number` };
  }
  const value = Number(body);
  if (!Number.isFinite(value)) return { kind: "invalid", reason: `${shown} is out of range` };
  return { kind: "number", value: Object.is(value, -0) ? 0 : value, percentSign };
}
