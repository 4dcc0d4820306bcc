import { describe, expect, it } from "vitest";
import { bundledLookup, runRawKinds } from "../helpers/raw.js";
import type { Observation } from "../../src/kinds/observation.js";
import { airKind } from "../../src/kinds/air/readings.js";
import { parseReadingTime, readingPollutantOf } from "../../src/kinds/air/columns.js";
import type { Kind } from "../../src/kinds/kind.js";
import { sandDustKind } from "../../src/kinds/air/sand-dust.js";
import { stationListKind } from "../../src/kinds/air/stations.js";
import type { AirRuleset } from "../../src/standards/index.js";
import type { Issue } from "../../src/vocabulary/issues.js";

const lookup = bundledLookup;

// ---- harness ----

// Each kind's state only ever goes back to that kind, so the registry can forget the state types.
const kinds = [airKind, stationListKind, sandDustKind] as unknown as readonly Kind<unknown>[];

/** Run every air kind over in-memory files, in order, the way a run does. */
const run = (files: Record<string, string>, ruleset: AirRuleset = "2012") => runRawKinds(kinds, files, ruleset);

function find(observations: readonly Observation[], indicator: string, period: string, area: string): Observation | undefined {
  return observations.find((observation) => observation.indicator === indicator && observation.period.label === period && observation.area === area);
}

function valueOf(observations: readonly Observation[], indicator: string, period: string, area: string): number | undefined {
  return find(observations, indicator, period, area)?.value;
}

function issuesWith(issues: readonly Issue[], code: string): Issue[] {
  return issues.filter((issue) => issue.code === code);
}

// ---- data builders ----

type Pollutant = "pm25" | "pm10" | "so2" | "no2" | "co" | "o3";
type Reading = Partial<Record<Pollutant, number | string>>;

/** A clean hour: AQI 40 under both rule sets (PM10 40 is the highest sub-index). */
const clean: Record<Pollutant, number> = { pm25: 20, pm10: 40, so2: 5, no2: 20, co: 0.5, o3: 60 };
const hourlyHeader = "时间,站点,PM2.5,PM10,SO2,NO2,CO,O3";
const pollutants: readonly Pollutant[] = ["pm25", "pm10", "so2", "no2", "co", "o3"];

function datesOf(month: string): string[] {
  const [year, monthNumber] = month.split("-").map(Number);
  const days = new Date(Date.UTC(year ?? 0, monthNumber ?? 0, 0)).getUTCDate();
  return Array.from({ length: days }, (_, index) => `${month}-${String(index + 1).padStart(2, "0")}`);
}

/** Hourly rows; reading() returns undefined to leave an hour out. */
function hourly(stations: readonly string[], dates: readonly string[], reading: (station: string, date: string, hour: number) => Reading | undefined = () => ({})): string {
  const lines = [hourlyHeader];
  for (const date of dates) {
    for (let hour = 0; hour < 24; hour++) {
      for (const station of stations) {
        const values = reading(station, date, hour);
        if (!values) continue;
        const merged = { ...clean, ...values };
        lines.push(`${date} ${String(hour).padStart(2, "0")}:00,${station},${pollutants.map((pollutant) => merged[pollutant]).join(",")}`);
      }
    }
  }
  return `${lines.join("\n")}\n`;
}

const dailyHeader = "日期,站点,PM2.5,PM10,SO2,NO2,CO,O3_8h";
type DailyReading = Partial<Record<"pm25" | "pm10" | "so2" | "no2" | "co" | "o3_8h", number | string>>;
const cleanDay = { pm25: 20, pm10: 40, so2: 5, no2: 20, co: 0.5, o3_8h: 60 };

function daily(stations: readonly string[], dates: readonly string[], reading: (station: string, date: string) => DailyReading | undefined = () => ({})): string {
  const lines = [dailyHeader];
  for (const date of dates) {
    for (const station of stations) {
      const values = reading(station, date);
      if (!values) continue;
      const merged = { ...cleanDay, ...values };
      lines.push(`${date},${station},${merged.pm25},${merged.pm10},${merged.so2},${merged.no2},${merged.co},${merged.o3_8h}`);
    }
  }
  return `${lines.join("\n")}\n`;
}

/** Stations of 航空港区 (410173), not national; N1 and N2 national stations of 金水区 (410105). */
const stationList = "站点,区县,国控\n港区A,航空港区,否\n港区B,航空港区,否\nN1,金水区,是\nN2,金水区,是\n";

function year(yearNumber: number): string[] {
  return Array.from({ length: 12 }, (_, index) => datesOf(`${yearNumber}-${String(index + 1).padStart(2, "0")}`)).flat();
}

// ---- tests ----

describe("header spellings", () => {
  it.each([
    ["PM2.5", "pm25"],
    ["pm2_5", "pm25"],
    ["PM25", "pm25"],
    ["ＰＭ２．５", "pm25"],
    ["PM₂.₅", "pm25"],
    ["细颗粒物", "pm25"],
    ["细颗粒物(PM2.5)", "pm25"],
    ["PM2.5浓度", "pm25"],
    ["PM10", "pm10"],
    ["可吸入颗粒物", "pm10"],
    ["SO2", "so2"],
    ["SO₂", "so2"],
    ["二氧化硫", "so2"],
    ["NO2", "no2"],
    ["二氧化氮", "no2"],
    ["CO", "co"],
    ["一氧化碳", "co"],
    ["O3", "o3"],
    ["臭氧", "o3"],
    ["O3_8h", "o3_8h"],
    ["O3-8H", "o3_8h"],
    ["O3_8h_max", "o3_8h"],
    ["臭氧8小时", "o3_8h"],
    ["臭氧日最大8小时平均", "o3_8h"],
    ["O3_1h_max", "o3_1h_max"],
    ["臭氧日最大1小时", "o3_1h_max"],
  ])("%s is %s", (header, pollutant) => {
    expect(readingPollutantOf(header)?.pollutant).toBe(pollutant);
  });

  it("reads a unit in brackets", () => {
    expect(readingPollutantOf("PM2.5(μg/m³)")).toEqual({ pollutant: "pm25", unit: "μg/m3" });
    expect(readingPollutantOf("CO（mg/m3）")).toEqual({ pollutant: "co", unit: "mg/m3" });
    expect(readingPollutantOf(" pm 2.5 [ug/m3] ")).toEqual({ pollutant: "pm25", unit: "ug/m3" });
  });

  it("leaves other columns alone", () => {
    for (const header of ["PM2.5_24h", "AQI", "站点", "时间", "NOx", "PM1"]) expect(readingPollutantOf(header)).toBeUndefined();
  });

  it("detects readings, station lists and sand-dust lists apart", () => {
    expect(airKind.detect(["监测时间", "站点名称", "PM2.5(μg/m³)", "O3"])).toBe(true);
    expect(airKind.detect(["datetime", "station_code", "pm2_5"])).toBe(true);
    expect(airKind.detect(["时间", "站点", "区县"])).toBe(false);
    expect(airKind.detect(["indicator", "area", "period", "value"])).toBe(false);
    expect(stationListKind.detect(["站点", "区县", "国控"])).toBe(true);
    expect(stationListKind.detect(["station_code", "area", "name", "lat", "lon"])).toBe(true);
    expect(stationListKind.detect(["站点", "区县", "PM2.5"])).toBe(false);
    expect(stationListKind.detect(["站点", "区县", "数值"])).toBe(false);
    expect(sandDustKind.detect(["沙尘日期", "区县"])).toBe(true);
    expect(sandDustKind.detect(["日期", "沙尘"])).toBe(true);
    expect(sandDustKind.detect(["日期", "站点", "PM2.5"])).toBe(false);
  });

  it("reads a file whose headers are spelled another way, with CO in ug/m3", async () => {
    const rows = datesOf("2025-06").flatMap((date) =>
      Array.from({ length: 24 }, (_, hour) => `${date.replaceAll("-", "/")} ${hour}:00:00,A,20,40,5,20,500,60`),
    );
    const { observations } = await run({
      "odd.csv": `监测时间, 监测点 ,细颗粒物(μg/m³),pm_10,二氧化硫,NO₂,CO(μg/m³),臭氧\n${rows.join("\n")}\n`,
      "stations.csv": "监测点,地区\nA,航空港区\n",
    });
    const good = find(observations, "good-day-ratio", "2025-06", "410173");
    expect(good?.value).toBe(100);
    // CO 500 ug/m3 is 0.5 mg/m3 (IAQI 13); read as 500 mg/m3 it would make every day severe.
    expect(good?.provenance?.details).toContain("AQI: 优 30, 良 0, 轻度污染 0, 中度污染 0, 重度污染 0, 严重污染 0");
  });
});

describe("times", () => {
  it.each([
    ["2025-06-30 13:00", "2025-06-30", 13],
    ["2025-06-30 13:00:00", "2025-06-30", 13],
    ["2025/6/30 13:00", "2025-06-30", 13],
    ["2025-06-30T13:00:00+08:00", "2025-06-30", 13],
    ["2025-06-30T05:00:00Z", "2025-06-30", 5],
    ["2025-06-30 24:00", "2025-06-30", 24],
    ["2025年6月30日13时", "2025-06-30", 13],
    ["2025063013", "2025-06-30", 13],
    ["2025-06-30", "2025-06-30", undefined],
    ["20250630", "2025-06-30", undefined],
    ["45838.5416666667", "2025-06-30", 13],
  ])("%s", (text, date, hour) => {
    const parsed = parseReadingTime(text);
    if ("error" in parsed) throw new Error(parsed.error);
    expect(new Date(parsed.day * 86_400_000).toISOString().slice(0, 10)).toBe(date);
    expect(parsed.hour).toBe(hour);
  });

  it.each([
    ["2025-06-31 13:00", "not a real date"],
    ["2025-06-30 13:30", "not on the hour"],
    ["2025-06-30 24:30", "not a real time"],
    ["2025-06-30 25:00", "not a real time"],
    ["30/06/2025", "cannot read"],
  ])("rejects %s", (text, reason) => {
    const parsed = parseReadingTime(text);
    expect("error" in parsed && parsed.error).toContain(reason);
  });
});

describe("daily values from hours", () => {
  it("computes a day's AQI from its hours: PM2.5 80 all day is AQI 107", async () => {
    const { observations } = await run({
      "hourly.csv": hourly(["港区A"], datesOf("2025-06"), (_, date) => (date === "2025-06-02" ? { pm25: 80 } : {})),
      "stations.csv": stationList,
    });
    const good = find(observations, "good-day-ratio", "2025-06", "410173");
    expect(good?.provenance?.details.find((line) => line.startsWith("daily AQI:"))).toMatch(/^daily AQI: 06-01 40, 06-02 107, 06-03 40,/);
    expect(good?.value).toBe(96.7);
    expect(good?.provenance?.details[0]).toBe("29 of 30 days good (AQI ≤ 100) = 96.67%");
  });

  it("takes O3 8-h and 1-h maxima from the hours (2012 counts the 1-h maximum)", async () => {
    // O3 250 from 12:00 to 14:00 only: the 1-h maximum 250 gives IAQI 125; the best 8-h mean is
    // (5 × 60 + 3 × 250) / 8 = 131.25, IAQI 76. Only the 2012 daily AQI counts the 1-h maximum.
    const files = {
      "hourly.csv": hourly(["港区A"], datesOf("2025-06"), (_, date, hour) => (date === "2025-06-10" && hour >= 12 && hour <= 14 ? { o3: 250 } : {})),
      "stations.csv": stationList,
    };
    const aqiOf = async (ruleset: AirRuleset) =>
      find((await run(files, ruleset)).observations, "good-day-ratio", "2025-06", "410173")?.provenance?.details.find((line) => line.startsWith("daily AQI:"));
    expect(await aqiOf("2012")).toContain("06-10 125,");
    expect(await aqiOf("2026")).toContain("06-10 76,");
  });

  it("needs 20 valid hours for a daily mean: 19 are not enough", async () => {
    const files = (validHours: number) => ({
      "hourly.csv": hourly(["港区A"], datesOf("2025-06"), (_, date, hour) => {
        if (date !== "2025-06-05") return {};
        return hour < validHours ? { pm25: 200 } : undefined;
      }),
      "stations.csv": stationList,
    });
    const twenty = await run(files(20));
    const pm20 = find(twenty.observations, "pm25-annual-mean", "2025-06", "410173");
    expect(pm20?.provenance?.inputs).toBe("1 station, 30 days (30 valid)");
    expect(pm20?.value).toBe(26); // (29 × 20 + 200) / 30
    expect(issuesWith(twenty.issues, "invalid-days")).toEqual([]);

    const nineteen = await run(files(19));
    const pm19 = find(nineteen.observations, "pm25-annual-mean", "2025-06", "410173");
    expect(pm19?.provenance?.inputs).toBe("1 station, 30 days (29 valid)");
    expect(pm19?.value).toBe(20);
    expect(pm19?.provenance?.details).toContain("2025-06-05: no valid PM2.5 (港区A 19 valid hours)");
    const [warning] = issuesWith(nineteen.issues, "invalid-days");
    expect(warning?.message).toContain('station "港区A" (航空港区), 2025-06: 1 of 30 days without a valid daily value');
    expect(warning?.message).toContain("06-05 (PM2.5 19 valid hours, PM10 19 valid hours, SO2 19 valid hours, NO2 19 valid hours, CO 19 valid hours)");
    expect(warning?.severity).toBe("warning");
  });

  it("needs an 8-hour window with 6 valid hours for O3", async () => {
    // O3 only at 00:00-04:00 and 12:00: no 8-hour window has 6 valid hours.
    const { issues } = await run({
      "hourly.csv": hourly(["港区A"], datesOf("2025-06"), (_, date, hour) => (date === "2025-06-07" && !(hour < 5 || hour === 12) ? { o3: "" } : {})),
      "stations.csv": stationList,
    });
    expect(issuesWith(issues, "invalid-days")[0]?.message).toContain("06-07 (O3 6 valid hours, no 8-h window with 6)");
  });
});

describe("area values", () => {
  it("averages concentrations over stations, then takes the AQI (not the mean of station AQIs)", async () => {
    // 港区A: PM2.5 110 (IAQI 144); 港区B: PM10 250 (IAQI 150). Station AQIs average 147 (light pollution),
    // but the area means PM2.5 60 (IAQI 82) and PM10 145 (IAQI 98) give AQI 98 (good).
    const { observations } = await run({
      "hourly.csv": hourly(["港区A", "港区B"], datesOf("2025-06"), (station) => (station === "港区A" ? { pm25: 110, pm10: 40 } : { pm25: 10, pm10: 250 })),
      "stations.csv": stationList,
    });
    const good = find(observations, "good-day-ratio", "2025-06", "410173");
    expect(good?.value).toBe(100);
    expect(good?.provenance?.details.find((line) => line.startsWith("daily AQI:"))).toMatch(/^daily AQI: 06-01 98, 06-02 98,/);
    expect(valueOf(observations, "pm25-annual-mean", "2025-06", "410173")).toBe(60);
  });

  it("makes the city value from national stations only", async () => {
    const { observations } = await run({
      "hourly.csv": hourly(["港区A", "N1", "N2"], datesOf("2025-06"), (station) => (station === "港区A" ? { pm25: 90 } : station === "N1" ? { pm25: 30 } : { pm25: 40 })),
      "stations.csv": stationList,
    });
    const city = find(observations, "pm25-annual-mean", "2025-06", "410100");
    expect(city?.value).toBe(35);
    expect(city?.provenance?.inputs).toBe("2 national stations, 30 days (30 valid)");
    expect(valueOf(observations, "pm25-annual-mean", "2025-06", "410105")).toBe(35);
    expect(valueOf(observations, "pm25-annual-mean", "2025-06", "410173")).toBe(90);
  });

  it("counts every station for the city when no list says which are national", async () => {
    const text = hourly(["A", "B"], datesOf("2025-06"), (station) => (station === "A" ? { pm25: 30 } : { pm25: 50 }));
    const withArea = text.replace("时间,站点,", "时间,站点,区县,").replace(/,(A|B),/g, (_, station: string) => `,${station},${station === "A" ? "中原区" : "二七区"},`);
    const { observations } = await run({ "hourly.csv": withArea });
    expect(valueOf(observations, "pm25-annual-mean", "2025-06", "410100")).toBe(40);
    expect(valueOf(observations, "pm25-annual-mean", "2025-06", "410102")).toBe(30);
    expect(valueOf(observations, "pm25-annual-mean", "2025-06", "410103")).toBe(50);
  });
});

describe("period validity", () => {
  const monthWithValidDays = (month: string, validDays: number) =>
    daily(["港区A"], datesOf(month), (_, date) => (Number(date.slice(8)) <= validDays ? { pm25: 30 } : undefined));

  it.each([
    ["2025-06", 27, true],
    ["2025-06", 26, false],
    ["2025-02", 25, true],
    ["2025-02", 24, false],
  ])("%s with %i valid days has a monthly value: %s", async (month, validDays, expected) => {
    const { observations, issues } = await run({ "daily.csv": monthWithValidDays(month, validDays), "stations.csv": stationList });
    expect(find(observations, "pm25-annual-mean", month, "410173") !== undefined).toBe(expected);
    expect(find(observations, "good-day-ratio", month, "410173") !== undefined).toBe(expected);
    const shortfalls = issuesWith(issues, "monthly-value-invalid");
    if (expected) expect(shortfalls).toEqual([]);
    else {
      expect(shortfalls.map((issue) => issue.message)).toEqual([
        `no monthly pm25-annual-mean for 航空港区 ${month}: ${validDays} valid PM2.5 days, ${validDays + 1} needed`,
        `no monthly good-day-ratio or heavy-pollution-ratio for 航空港区 ${month}: ${validDays} days with a valid AQI, ${validDays + 1} needed`,
      ]);
    }
  });

  /** A year of daily rows with `dropped` days left out, spread so that every month keeps its minimum. */
  function yearWithout(dropped: number): string {
    const removable = year(2025).filter((date) => {
      const dayOfMonth = Number(date.slice(8));
      const month = Number(date.slice(5, 7));
      const length = datesOf(date.slice(0, 7)).length;
      return dayOfMonth > (month === 2 ? 25 : 27) && dayOfMonth <= length;
    });
    expect(removable.length).toBe(43);
    const gone = new Set(removable.slice(0, dropped));
    return daily(["港区A"], year(2025), (_, date) => (gone.has(date) ? undefined : { pm25: 30 }));
  }

  it("gives an annual value with 324 valid days and not with 323", async () => {
    const with324 = await run({ "daily.csv": yearWithout(365 - 324), "stations.csv": stationList });
    const annual = find(with324.observations, "pm25-annual-mean", "2025", "410173");
    expect(annual?.value).toBe(30);
    expect(annual?.provenance?.inputs).toBe("1 station, 365 days (324 valid)");
    expect(find(with324.observations, "good-day-ratio", "2025", "410173")?.value).toBe(100);

    const with323 = await run({ "daily.csv": yearWithout(365 - 323), "stations.csv": stationList });
    expect(find(with323.observations, "pm25-annual-mean", "2025", "410173")).toBeUndefined();
    expect(find(with323.observations, "pm25-annual-mean", "2025-12", "410173")?.value).toBe(30);
    expect(issuesWith(with323.issues, "annual-value-invalid").map((issue) => issue.message)).toContain(
      "no annual pm25-annual-mean for 航空港区 2025: 323 valid PM2.5 days, 324 needed",
    );
  });

  it("says which months fell short of a year", async () => {
    const octoberGap = (date: string) => !(date >= "2025-10-11" && date <= "2025-10-31");
    const { issues, observations } = await run({ "daily.csv": daily(["港区A"], year(2025).filter(octoberGap)), "stations.csv": stationList });
    expect(find(observations, "pm25-annual-mean", "2025-09", "410173")).toBeDefined();
    expect(find(observations, "pm25-annual-mean", "2025", "410173")).toBeUndefined();
    expect(issuesWith(issues, "annual-value-invalid")[0]?.message).toBe(
      "no annual pm25-annual-mean for 航空港区 2025: 344 valid PM2.5 days, 324 needed; months short: 2025-10 (10 of 27)",
    );
  });

  it("records the HJ 663 annual percentiles with a valid year", async () => {
    // PM2.5 of day n of the year is n % 100 + 1: 365 values, so P95 by k = 1 + 364 * 0.95 = 346.8.
    const dates = year(2025);
    const pm25Of = (date: string) => (dates.indexOf(date) % 100) + 1;
    const { observations } = await run({ "daily.csv": daily(["港区A"], dates, (_, date) => ({ pm25: pm25Of(date) })), "stations.csv": stationList });
    const annual = find(observations, "pm25-annual-mean", "2025", "410173");
    const sorted = dates.map(pm25Of).sort((a, b) => a - b);
    const expected = sorted[345]! + (sorted[346]! - sorted[345]!) * 0.8;
    expect(annual?.provenance?.details.find((line) => line.startsWith("HJ 663 percentiles"))).toContain(`PM2.5 P95 ${Number(expected.toFixed(1))} ug/m3 (365 days)`);
  });

  it("does not call a year in progress short", async () => {
    const { issues, observations } = await run({ "daily.csv": daily(["港区A"], year(2025).filter((date) => date < "2025-10-01")), "stations.csv": stationList });
    expect(find(observations, "pm25-annual-mean", "2025", "410173")).toBeUndefined();
    expect(issuesWith(issues, "annual-value-invalid")).toEqual([]);
  });
});

describe("day shares", () => {
  it("leaves days without a valid AQI out of numerator and denominator", async () => {
    // 30 days: 06-01 and 06-02 have no CO at all (AQI 40 from the rest is not published: dropped);
    // 06-03 has no CO but PM2.5 200 (AQI 250 > 100, published: heavy); 06-04 and 06-05 PM2.5 80 (light).
    const { observations } = await run({
      "daily.csv": daily(["港区A"], datesOf("2025-06"), (_, date) => {
        const day = Number(date.slice(8));
        if (day <= 2) return { co: "" };
        if (day === 3) return { co: "", pm25: 200 };
        if (day <= 5) return { pm25: 80 };
        return {};
      }),
      "stations.csv": stationList,
    });
    const good = find(observations, "good-day-ratio", "2025-06", "410173");
    expect(good?.value).toBe(89.3); // 25 / 28
    expect(good?.provenance?.inputs).toBe("1 station, 30 days (28 with a valid AQI)");
    expect(good?.provenance?.details).toContain("2025-06-01: no valid CO (AQI from the rest 40 ≤ 100 is not published)");
    const heavy = find(observations, "heavy-pollution-ratio", "2025-06", "410173");
    expect(heavy?.value).toBe(3.6); // 1 / 28
    expect(heavy?.provenance?.details[1]).toBe("AQI: 优 25, 良 0, 轻度污染 2, 中度污染 0, 重度污染 1, 严重污染 0");
  });

  it("scores a PM2.5 day of 75 as good under the 2012 rules and not under the 2026 rules", async () => {
    const files = { "daily.csv": daily(["港区A"], datesOf("2025-06"), () => ({ pm25: 75 })), "stations.csv": stationList };
    const old = await run(files, "2012");
    expect(valueOf(old.observations, "good-day-ratio", "2025-06", "410173")).toBe(100);
    expect(find(old.observations, "good-day-ratio", "2025-06", "410173")?.provenance?.method).toContain("HJ 633-2012");
    const revised = await run(files, "2026");
    expect(valueOf(revised.observations, "good-day-ratio", "2025-06", "410173")).toBe(0);
    const method = find(revised.observations, "good-day-ratio", "2025-06", "410173")?.provenance?.method ?? "";
    expect(method).toContain("HJ 633-2026");
    expect(method).toContain("rule set 2026");
  });

  it("gives no shares when a pollutant is never measured", async () => {
    const pmOnly = `时间,站点,PM2.5\n${datesOf("2025-06").flatMap((date) => Array.from({ length: 24 }, (_, hour) => `${date} ${hour}:00,港区A,30`)).join("\n")}\n`;
    const { observations, issues } = await run({ "pm.csv": pmOnly, "stations.csv": stationList });
    expect(valueOf(observations, "pm25-annual-mean", "2025-06", "410173")).toBe(30);
    expect(find(observations, "good-day-ratio", "2025-06", "410173")).toBeUndefined();
    expect(issuesWith(issues, "aqi-pollutants-missing")[0]?.message).toBe(
      "no good-day or heavy-pollution share for 航空港区: the daily AQI needs all six pollutants and the readings give no PM10, SO2, NO2, CO, O3-8h",
    );
  });
});

describe("stations and rows", () => {
  it("places stations by a station list read after the readings", async () => {
    const { observations, counts } = await run({
      "hourly.csv": hourly(["港区A"], datesOf("2025-06")),
      "stations.csv": stationList,
    });
    expect(counts["hourly.csv"]).toEqual({ read: 720, used: 720, skipped: 0, rejected: 0 });
    expect(counts["stations.csv"]).toEqual({ read: 4, used: 4, skipped: 0, rejected: 0 });
    expect(valueOf(observations, "pm25-annual-mean", "2025-06", "410173")).toBe(20);
  });

  it("rejects the rows of a station no list or column places, naming its first line", async () => {
    const { issues, counts, observations } = await run({
      "hourly.csv": hourly(["港区A", "港区C"], ["2025-06-01"]),
      "stations.csv": stationList,
    });
    expect(counts["hourly.csv"]).toEqual({ read: 48, used: 24, skipped: 0, rejected: 24 });
    const [unknown] = issuesWith(issues, "unknown-station");
    expect(unknown?.message).toBe('station "港区C" (first at line 3) cannot be placed in an area: it is not in the station list (did you mean "港区A"?) and the readings give no area; its 24 rows are rejected');
    expect(unknown?.location).toEqual({ file: "hourly.csv", line: 3 });
    expect(observations).toEqual([]);
  });

  it("rejects an unknown area in a station list with a suggestion", async () => {
    const { issues, counts } = await run({ "stations.csv": "站点,区县\nA,航空港\nB,金水去\n" });
    expect(counts["stations.csv"]).toEqual({ read: 2, used: 1, skipped: 0, rejected: 1 });
    expect(issuesWith(issues, "unknown-area")[0]?.message).toBe('unknown area "金水去" (did you mean "金水区"?)');
  });

  it("uses neither listing of a station the list places twice", async () => {
    const { issues, counts } = await run({
      "hourly.csv": hourly(["A"], ["2025-06-01"]),
      "stations.csv": "站点,区县\nA,航空港区\nA,登封市\nA,航空港区\n",
    });
    expect(counts["stations.csv"]).toEqual({ read: 3, used: 0, skipped: 0, rejected: 3 });
    expect(issuesWith(issues, "unknown-station")[0]?.message).toContain("the station list gives it 航空港区 at line 2 and 登封市 at line 3");
  });

  it("skips exact repeats and rejects both rows of a conflict, naming both lines", async () => {
    const text = hourly(["港区A"], ["2025-06-01"]);
    const lines = text.trimEnd().split("\n");
    const repeated = [...lines, lines[5], "2025-06-01 07:00,港区A,99,40,5,20,0.5,60"].join("\n");
    const { issues, counts } = await run({ "hourly.csv": `${repeated}\n`, "stations.csv": stationList });
    expect(counts["hourly.csv"]).toEqual({ read: 26, used: 23, skipped: 1, rejected: 2 });
    expect(issuesWith(issues, "duplicate-row")[0]?.message).toContain("1 row repeats an earlier row exactly");
    const conflicts = issuesWith(issues, "conflicting-rows");
    expect(conflicts.map((issue) => [issue.location?.line, issue.message])).toEqual([
      [27, 'station "港区A" at 2025-06-01 07:00 has different values here and at line 9; neither is used'],
      [9, 'station "港区A" at 2025-06-01 07:00 has different values here and at line 27; neither is used'],
    ]);
  });

  it("warns once per station and pollutant about unusable cells and uses the rest of the row", async () => {
    const { issues, counts, observations } = await run({
      "hourly.csv": hourly(["港区A"], datesOf("2025-06"), (_, date, hour) => (date === "2025-06-01" && hour < 3 ? { so2: hour === 0 ? "-3" : "abc" } : {})),
      "stations.csv": stationList,
    });
    expect(counts["hourly.csv"]?.used).toBe(720);
    expect(issuesWith(issues, "invalid-reading").map((issue) => issue.message)).toEqual([
      'station "港区A": 3 SO2 values cannot be used (negative or not a number, first "-3" at line 2); they count as missing and the rest of each row is used',
    ]);
    expect(valueOf(observations, "pm25-annual-mean", "2025-06", "410173")).toBe(20);
  });

  it("rejects rows with bad times and skips blank rows", async () => {
    const text = `${hourlyHeader}\n2025-06-01 00:00,港区A,20,40,5,20,0.5,60\n,,,,,,,\n2025-06-31 01:00,港区A,20,40,5,20,0.5,60\n2025-06-01 24:00,港区A,20,40,5,20,0.5,60\n2025-06-01 03:00,,20,40,5,20,0.5,60\n`;
    const { issues, counts } = await run({ "hourly.csv": text, "stations.csv": stationList });
    expect(counts["hourly.csv"]).toEqual({ read: 5, used: 1, skipped: 1, rejected: 3 });
    expect(issuesWith(issues, "bad-time").map((issue) => issue.location?.line)).toEqual([4, 5]);
    expect(issuesWith(issues, "missing-station").map((issue) => issue.location?.line)).toEqual([6]);
  });

  it("warns when rows give one station two areas and keeps the first", async () => {
    const text = `时间,站点,区县,PM2.5\n2025-06-01 00:00,X,航空港区,20\n2025-06-01 01:00,X,登封,20\n2025-06-01 02:00,X,未知区,20\n`;
    const { issues, counts } = await run({ "hourly.csv": text });
    expect(counts["hourly.csv"]).toEqual({ read: 3, used: 2, skipped: 0, rejected: 1 });
    expect(issuesWith(issues, "station-area-mismatch")[0]?.message).toBe('station "X" is in 航空港区 at line 2 but in 登封市 here; 航空港区 is used');
    expect(issuesWith(issues, "unknown-area")[0]?.message).toContain('unknown area "未知区"');
  });
});

describe("provenance and sand-dust days", () => {
  it("says how a monthly value was computed and from what", async () => {
    const { observations } = await run({
      "hourly.csv": hourly(["港区A", "港区B"], datesOf("2025-06"), (_, date) => (date === "2025-06-09" || date === "2025-06-10" ? undefined : {})),
      "stations.csv": stationList,
    });
    const pm = find(observations, "pm25-annual-mean", "2025-06", "410173");
    expect(pm?.unit).toBe("ug/m3");
    expect(pm?.origin).toEqual({ file: "hourly.csv", line: 2 });
    expect(pm?.provenance?.method).toBe(
      "GB 3095-2012 validity (a day needs 20 valid hours, a month 27 valid days, 25 in February); area day = mean of its stations' daily means; period = mean of daily means, rounded by GB/T 8170; 含沙 (no sand-dust days given)",
    );
    expect(pm?.provenance?.inputs).toBe("2 stations, 30 days (28 valid)");
    expect(pm?.provenance?.details).toContain("2025-06-09: no readings");
    const good = find(observations, "good-day-ratio", "2025-06", "410173");
    expect(good?.unit).toBe("%");
    expect(good?.provenance?.method).toContain("HJ 633-2012 daily AQI from the area's mean concentrations (not a mean of station AQIs), rule set 2012");
    expect(good?.provenance?.inputs).toBe("2 stations, 30 days (28 with a valid AQI)");
  });

  it("leaves sand-dust days out of PM2.5 (扣沙) and keeps them in the shares", async () => {
    const { observations } = await run({
      "daily.csv": daily(["港区A"], datesOf("2025-04"), (_, date) => (date === "2025-04-11" || date === "2025-04-12" ? { pm25: 180, pm10: 600 } : {})),
      "stations.csv": stationList,
      "sand.csv": "沙尘日期,区县\n2025-04-11,\n2025-04-12,航空港区\n2025-04-20,登封市\n",
    });
    const pm = find(observations, "pm25-annual-mean", "2025-04", "410173");
    expect(pm?.value).toBe(20);
    expect(pm?.provenance?.method).toContain("扣沙 (sand-dust days left out)");
    expect(pm?.provenance?.details).toContain("含沙 (with the 2 sand-dust days): 30.67 ug/m3");
    expect(valueOf(observations, "heavy-pollution-ratio", "2025-04", "410173")).toBe(6.7);
    expect(find(observations, "heavy-pollution-ratio", "2025-04", "410173")?.provenance?.method).toContain("含沙");
  });
});
