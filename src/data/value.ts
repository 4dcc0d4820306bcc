/** What a cell's value turned out to be. */
export type ValueParse =
  | { kind: "number"; value: number; percentSign: boolean }
  | { kind: "missing" }
  | { kind: "invalid"; reason: string };

/** Spellings analysts use for "no value". They are reported, never read as zero. */
const missingMarkers = new Set(["", "na", "n/a", "nan", "null", "none", "-", "--", "—", "——", "/", "无", "空", "缺测", "未测", "暂无", "#n/a", "#value!", "#div/0!"]);

const doneWords = new Set(["done", "yes", "true", "完成", "已完成", "是", "已", "达标", "√", "✓"]);
const notDoneWords = new Set(["not done", "no", "false", "未完成", "否", "未", "×", "✗"]);

/**
 * Read a number as typed into Excel or a form: full-width digits and signs, thousands separators
 * (1,234.5 and 1，234), a trailing percent sign, surrounding spaces. Milestone words (完成, done)
 * read as 1 and 0.
 */
export function parseValue(raw: unknown): ValueParse {
  if (typeof raw === "number") {
    return Number.isFinite(raw) ? { kind: "number", value: raw, percentSign: false } : { kind: "invalid", reason: `${raw} is not a finite number` };
  }
  if (typeof raw === "boolean") return { kind: "number", value: raw ? 1 : 0, percentSign: false };
  if (raw === null || raw === undefined) return { kind: "missing" };
  if (typeof raw !== "string") return { kind: "invalid", reason: "a nested object or array is not a value" };

  const text = raw.normalize("NFKC").trim().replace(/[\s]+/g, " ");
  const lower = text.toLowerCase();
  if (missingMarkers.has(lower)) return { kind: "missing" };
  if (doneWords.has(lower)) return { kind: "number", value: 1, percentSign: false };
  if (notDoneWords.has(lower)) return { kind: "number", value: 0, percentSign: false };

  let body = text.replace(/\s/g, "").replace(/^\+/, "").replace(/[−–]/g, "-");
  const percentSign = body.endsWith("%");
  if (percentSign) body = body.slice(0, -1);
  if (/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(body)) body = body.replace(/,/g, "");
  if (!/^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(body)) {
    if (/^-?\d+(,\d+)+$/.test(body)) {
      return { kind: "invalid", reason: `"${raw}" has a comma that is not a thousands separator; use a point for decimals` };
    }
    return { kind: "invalid", reason: `"${raw}" is not a number` };
  }
  const value = Number(body);
  if (!Number.isFinite(value)) return { kind: "invalid", reason: `"${raw}" is out of range` };
  return { kind: "number", value: Object.is(value, -0) ? 0 : value, percentSign };
}
