import { describe, expect, it } from "vitest";
import { parsePeriod } from "../../src/vocabulary/period.js";

describe("parsePeriod: the spellings analysts use", () => {
  it.each([
    ["2025", "2025"],
    ["2025年", "2025"],
    ["2025年度", "2025"],
    ["2025年6月", "2025-06"],
    ["2025年06月", "2025-06"],
    ["2025 年 6 月", "2025-06"],
    ["2025年6月份", "2025-06"],
    ["二〇二五年六月", "2025-06"],
    ["二〇二五年十二月", "2025-12"],
    ["2025/6", "2025-06"],
    ["2025.06", "2025-06"],
    ["2025-6", "2025-06"],
    ["202506", "2025-06"],
    ["２０２５－０６", "2025-06"],
    ["2025年第二季度", "2025-Q2"],
    ["2025年二季度", "2025-Q2"],
    ["2025年第2季度", "2025-Q2"],
    ["2025-Q2", "2025-Q2"],
    ["2025Q2", "2025-Q2"],
    ["2025年Q2", "2025-Q2"],
    ["Q2 2025", "2025-Q2"],
    ["2025-06-30", "2025-06-30"],
    ["2025/6/30", "2025-06-30"],
    ["2025年6月30日", "2025-06-30"],
    ["20250630", "2025-06-30"],
    ["2025/6/30 0:00", "2025-06-30"],
    ["2025-06-30T00:00:00.000Z", "2025-06-30"],
    ["2025-06-30 08:15:00", "2025-06-30"],
    // Excel serial dates: 45838 is 2025-06-30 (day 0 is 1899-12-30); a fraction is the time of day.
    ["45838", "2025-06-30"],
    ["45838.75", "2025-06-30"],
    ["45838.0", "2025-06-30"],
  ])("%j is %s", (raw, label) => {
    const parsed = parsePeriod(raw);
    expect(parsed.ok ? parsed.period.label : parsed.reason).toBe(label);
  });

  it("gives a quarter and a month their first and last days", () => {
    expect(parsePeriod("2024年第一季度")).toEqual({ ok: true, period: { kind: "quarter", year: 2024, start: "2024-01-01", end: "2024-03-31", label: "2024-Q1" } });
    expect(parsePeriod("2024/2")).toEqual({ ok: true, period: { kind: "month", year: 2024, start: "2024-02-01", end: "2024-02-29", label: "2024-02" } });
  });
});

describe("parsePeriod: what it refuses, and why", () => {
  it.each([
    ["", "empty period"],
    ["2025-13", "month 13 is not 1-12"],
    ["2025年0月", "month 0 is not 1-12"],
    ["2025-02-30", "2025-02-30 is not a real date"],
    ["2025-Q5", 'cannot read period "2025-Q5"'],
    ["2025年第五季度", 'cannot read period "2025年第五季度"'],
    ["2025上半年", 'cannot read period "2025上半年"'],
    ["6/2025", 'cannot read period "6/2025"'],
    ["25年6月", 'cannot read period "25年6月"'],
    ["12345", 'cannot read period "12345" (as an Excel date number it would fall outside 1982..2064)'],
  ])("%j: %s", (raw, reason) => {
    expect(parsePeriod(raw)).toEqual({ ok: false, reason });
  });

  it("shortens a huge period in its message", () => {
    const parsed = parsePeriod("9".repeat(5000));
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? "" : parsed.reason.length).toBeLessThan(80);
  });
});

describe("parsePeriod: a time with a UTC offset is moved to China Standard Time first (#11)", () => {
  it.each([
    ["2025-06-30T20:00Z", "2025-07-01"],
    ["2025-06-30T15:59:59Z", "2025-06-30"],
    ["2025-06-30T16:00:00Z", "2025-07-01"],
    ["2025-06-30 23:30+00:00", "2025-07-01"],
    ["2025-06-30T20:00+08:00", "2025-06-30"],
    ["2025-06-30T23:59+0800", "2025-06-30"],
    ["2025-07-01T01:00+09:00", "2025-07-01"],
    ["2025-07-01T00:30+09:00", "2025-06-30"],
    ["2025-06-30T11:00-05:00", "2025-07-01"],
    ["2025-12-31T16:00Z", "2026-01-01"],
    ["2025/6/30 20:00 Z", "2025-07-01"],
    ["2025-06-30 24:00", "2025-06-30"],
    ["2025-06-30T24:00+08:00", "2025-07-01"],
  ])("%j is %s", (raw, label) => {
    const parsed = parsePeriod(raw);
    expect(parsed.ok ? parsed.period.label : parsed.reason).toBe(label);
  });

  it.each([
    ["2025-06-30 25:00", "no real time of day"],
    ["2025-06-30 99:99", "no real time of day"],
    ["2025-06-30 24:01", "no real time of day"],
    ["2025-06-30 23:60", "no real time of day"],
    ["2025-06-30 12:00:61", "no real time of day"],
    ["2025-06-30T12:00+15:00", "no real UTC offset"],
    ["2025-06-30T12:00+08:75", "no real UTC offset"],
    ["2025-06 12:00Z", "no full date"],
    ["2025-02-30T12:00Z", "2025-02-30 is not a real date"],
  ])("%j is refused: %s", (raw, reason) => {
    const parsed = parsePeriod(raw);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? "" : parsed.reason).toContain(reason);
  });
});
