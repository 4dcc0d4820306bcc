import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { bundledLookup, runRawKinds } from "../helpers/raw.js";
import { airKind } from "../../src/kinds/air/readings.js";
import type { Kind } from "../../src/kinds/kind.js";
import { parseNationalFlag, stationListKind } from "../../src/kinds/air/stations.js";
// @ts-expect-error: a plain .mjs script without types
import { writeAirFixtures } from "../../scripts/generate-raw-fixtures.mjs";

const lookup = bundledLookup;

/** Station lists and readings in the order given; returns the row fates per file, the issues and the observations. */
const run = (files: [string, string][]) => runRawKinds([stationListKind, airKind] as unknown as readonly Kind<unknown>[], files);

function readingsOf(station: string, month = "2025-06", pm25 = 30): string {
  const lines = ["时间,站点,PM2.5"];
  for (let day = 1; day <= 30; day++) {
    for (let hour = 0; hour < 24; hour++) lines.push(`${month}-${String(day).padStart(2, "0")} ${hour}:00,${station},${pm25}`);
  }
  return `${lines.join("\n")}\n`;
}

describe("national flags", () => {
  it.each([
    ["", true],
    ["yes", true],
    ["Y", true],
    ["1", true],
    ["是", true],
    ["国控", true],
    ["no", false],
    ["0", false],
    ["否", false],
    ["省控", false],
    ["市控", false],
    ["maybe", undefined],
  ])("%j is %s", (text, expected) => {
    expect(parseNationalFlag(text)).toBe(expected);
  });
});

describe("station lists", () => {
  it("matches readings by station code or by name", async () => {
    const { observations, counts } = await run([
      ["list.csv", "站点编码,站点名称,区县,国控\n1001A,港区一号,航空港区,否\n1002A,登封一号,登封市,否\n"],
      ["by-code.csv", readingsOf("1001A", "2025-06", 30)],
      ["by-name.csv", readingsOf("登封一号", "2025-06", 40)],
    ]);
    expect(counts["list.csv"]).toEqual({ read: 2, used: 2, skipped: 0, rejected: 0 });
    expect(observations.find((o) => o.area === "410173")?.value).toBe(30);
    expect(observations.find((o) => o.area === "410185")?.value).toBe(40);
    expect(observations.some((o) => o.area === "410100")).toBe(false);
  });

  it("lets the readings' own area column win over the list", async () => {
    const text = readingsOf("A").replace("时间,站点,PM2.5", "时间,站点,区县,PM2.5").replace(/,A,/g, ",A,郑东新区,");
    const { observations } = await run([
      ["list.csv", "站点,区县\nA,航空港区\n"],
      ["readings.csv", text],
    ]);
    expect(observations.map((o) => o.area)).toEqual(["410100", "zhengdong"]);
  });

  it("skips a repeated listing with a warning and rejects a bad national flag", async () => {
    const { counts, issues } = await run([["list.csv", "站点,区县,国控\nA,航空港区,是\nA,航空港区,是\nB,登封,perhaps\n,登封,是\nC,,否\n\n"]]);
    expect(counts["list.csv"]).toEqual({ read: 6, used: 1, skipped: 2, rejected: 3 });
    expect(issues.map((issue) => [issue.code, issue.location?.line])).toEqual([
      ["duplicate-row", 3],
      ["bad-national-flag", 4],
      ["missing-station", 5],
      ["missing-area", 6],
    ]);
    expect(issues[1]?.message).toBe('cannot read "perhaps" as national (国控) yes or no');
  });

  it("finds a station listed twice across files and uses neither listing", async () => {
    const { counts, issues } = await run([
      ["a.csv", "站点,区县\nA,航空港区\n"],
      ["b.csv", "站点,区县\nA,登封市\n"],
    ]);
    expect(counts["a.csv"]).toEqual({ read: 1, used: 0, skipped: 0, rejected: 1 });
    expect(counts["b.csv"]).toEqual({ read: 1, used: 0, skipped: 0, rejected: 1 });
    expect(issues.map((issue) => issue.message)).toEqual([
      'station "A": the station list gives it 航空港区 at a.csv:2 and 登封市 at line 2; neither row is used',
      'station "A": the station list gives it 航空港区 at a.csv:2 and 登封市 at line 2; neither row is used',
    ]);
  });
});

describe("the raw air fixture", () => {
  it("is what scripts/generate-raw-fixtures.mjs writes", () => {
    const dir = mkdtempSync(join(tmpdir(), "zz-air-"));
    try {
      writeAirFixtures(dir);
      for (const file of ["stations.csv", "air-hourly-2025.csv"]) {
        expect(readFileSync(join(dir, file), "utf8") === readFileSync(new URL(`../../fixtures/raw/${file}`, import.meta.url), "utf8"), file).toBe(true);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("reads without a rejected row and has no April value for 登封 (five days without readings)", async () => {
    const fixture = (file: string) => readFileSync(new URL(`../../fixtures/raw/${file}`, import.meta.url), "utf8");
    const { counts, issues, observations } = await run([
      ["air-hourly-2025.csv", fixture("air-hourly-2025.csv")],
      ["stations.csv", fixture("stations.csv")],
    ]);
    expect(counts["air-hourly-2025.csv"]?.rejected).toBe(0);
    expect(counts["stations.csv"]).toEqual({ read: 25, used: 25, skipped: 0, rejected: 0 });
    expect(new Set(observations.map((o) => o.area))).toEqual(new Set(["410173", "zhengdong", "410185"]));
    expect(observations.filter((o) => o.area === "410185" && o.indicator === "pm25-annual-mean").map((o) => o.period.label)).not.toContain("2025-04");
    expect(issues.filter((issue) => issue.code === "monthly-value-invalid").map((issue) => issue.message)).toContain(
      "no monthly pm25-annual-mean for 登封市 2025-04: 25 valid PM2.5 days, 27 needed",
    );
    expect(issues.some((issue) => issue.severity === "error")).toBe(false);
    // A year of hourly readings: seconds on a busy machine.
  }, 60_000);
});
