import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { runRawKinds } from "../helpers/raw.js";
import { airKind } from "../../src/kinds/air/readings.js";
import { chinaHourOf, parseReadingTime } from "../../src/kinds/air/columns.js";
import { stationListKind } from "../../src/kinds/air/stations.js";
import type { Kind } from "../../src/kinds/kind.js";
import { isoOfDay, parseUtcOffset, toChinaTime } from "../../src/vocabulary/time.js";

const kinds = [airKind, stationListKind] as unknown as readonly Kind<unknown>[];
const stationList = "站点,区县,国控\n港区A,航空港区,否\n港区B,航空港区,否\n";
const header = "PM2.5,PM10,SO2,NO2,CO,O3";

/** Readings that differ hour by hour, so that reading any hour as its neighbour changes the results. */
function readingAt(station: number, cstHourIndex: number): string {
  const wave = (cstHourIndex * 7 + station * 13) % 90;
  return `${10 + wave},${20 + 2 * wave},${3 + (wave % 11)},${15 + (wave % 37)},${(0.3 + (wave % 9) / 10).toFixed(1)},${20 + ((cstHourIndex * 11) % 150)}`;
}

const stations = ["港区A", "港区B"];
// June 2025 in China time: 720 hours from 2025-06-01 00:00 CST (2025-05-31 16:00 UTC).
const juneStartMs = Date.UTC(2025, 4, 31, 16);
const hours = 30 * 24;

/** One reading per station and CST hour; stamp() writes the time columns of the hour (index from June 1 00:00 CST). */
function file(timeHeader: string, stamp: (cstHourIndex: number) => string): string {
  const lines = [`${timeHeader},站点,${header}`];
  for (let index = 0; index < hours; index++) {
    stations.forEach((station, number) => lines.push(`${stamp(index)},${station},${readingAt(number, index)}`));
  }
  return `${lines.join("\n")}\n`;
}

const two = (n: number) => String(n).padStart(2, "0");
const cstDate = (index: number) => `2025-06-${two(Math.floor(index / 24) + 1)}`;

const startLabelled = file("时间", (index) => `${cstDate(index)} ${two(index % 24)}:00`);

async function results(text: string) {
  const { observations, issues, counts } = await runRawKinds(kinds, { "readings.csv": text, "stations.csv": stationList });
  return { observations, issues, counts: counts["readings.csv"] };
}

describe("reading times in China Standard Time", () => {
  it("reads hours labelled 1-24 by their end (24:00 = 23:00-24:00) as the hours labelled 0-23 by their start", async () => {
    const reference = await results(startLabelled);
    expect(reference.counts).toEqual({ read: 1440, used: 1440, skipped: 0, rejected: 0 });
    expect(reference.observations.length).toBeGreaterThan(0);
    const endLabelled = file("时间", (index) => {
      const label = (index % 24) + 1;
      return `${cstDate(index)} ${two(label)}:00`;
    });
    const read = await results(endLabelled);
    expect(read.counts).toEqual(reference.counts);
    expect(read.observations).toEqual(reference.observations);
  });

  it("reads an hour column 1-24 the same way", async () => {
    const reference = await results(startLabelled);
    const lines = [`日期,时段,站点,${header}`];
    for (let index = 0; index < hours; index++) {
      stations.forEach((station, number) => lines.push(`${cstDate(index)},${(index % 24) + 1},${station},${readingAt(number, index)}`));
    }
    const read = await results(`${lines.join("\n")}\n`);
    expect(read.counts).toEqual(reference.counts);
    expect(read.observations).toEqual(reference.observations);
  });

  it.each([
    ["Z", "Z"],
    ["+00:00", "+00:00"],
    ["-05:00", "-05:00"],
  ])("moves times written with %s to China time before they are put in a day", async (_, suffix) => {
    const reference = await results(startLabelled);
    const offset = parseUtcOffset(suffix) ?? 0;
    const zoned = file("time", (index) => {
      const local = new Date(juneStartMs + index * 3_600_000 + offset * 60_000).toISOString().slice(0, 16);
      return `${local}${suffix}`;
    });
    const read = await results(zoned);
    expect(read.counts).toEqual(reference.counts);
    expect(read.observations).toEqual(reference.observations);
  });

  it("rejects an hour 24 in a file whose hours run 0-23, and an hour 0 in one whose run 1-24", async () => {
    const mixed = `时间,站点,${header}\n2025-06-01 00:00,港区A,${readingAt(0, 0)}\n2025-06-01 24:00,港区A,${readingAt(0, 1)}\n`;
    const start = await results(mixed);
    expect(start.counts).toEqual({ read: 2, used: 1, skipped: 0, rejected: 1 });
    expect(start.issues.find((issue) => issue.code === "bad-time")?.message).toContain("hour 24 in a file that labels its hours 0-23 (hour 0 at line 2)");
    const ending = `时间,站点,${header}\n2025-06-01 01:00,港区A,${readingAt(0, 0)}\n2025-06-01 24:00,港区A,${readingAt(0, 1)}\n2025-06-02 00:00,港区A,${readingAt(0, 2)}\n`;
    const end = await results(ending);
    expect(end.counts).toEqual({ read: 3, used: 2, skipped: 0, rejected: 1 });
    expect(end.issues.find((issue) => issue.code === "bad-time")?.location?.line).toBe(4);
  });

  it("rejects a time whose offset leaves it off the China hour", async () => {
    const text = `时间,站点,${header}\n2025-06-01T10:00+05:30,港区A,${readingAt(0, 0)}\n`;
    const read = await results(text);
    expect(read.counts).toEqual({ read: 1, used: 0, skipped: 0, rejected: 1 });
    expect(read.issues.find((issue) => issue.code === "bad-time")?.message).toContain("12:30 China time, not on the hour");
  });

  it.each([
    ["2025-06-30T05:00:00Z", "start", "2025-06-30", 13],
    ["2025-06-30T20:00:00Z", "start", "2025-07-01", 4],
    ["2025-06-30T16:00+00:00", "start", "2025-07-01", 0],
    ["2025-06-30 24:00", "end", "2025-06-30", 23],
    ["2025-07-01 01:00", "end", "2025-07-01", 0],
    ["2025-06-30T24:00Z", "end", "2025-07-01", 7],
    ["2025-06-30 13:00+08:00", "start", "2025-06-30", 13],
  ] as const)("%s (%s-labelled) is %s hour %i in China", (text, labels, date, hour) => {
    const parsed = parseReadingTime(text);
    if ("error" in parsed) throw new Error(parsed.error);
    const china = chinaHourOf(parsed.day, parsed.hour ?? 0, parsed.offset, labels);
    if ("error" in china) throw new Error(china.error);
    expect([isoOfDay(china.day), china.hour]).toEqual([date, hour]);
  });

  it("converts offsets by arithmetic alone", () => {
    expect(toChinaTime(0, 20 * 60, 0)).toEqual({ day: 1, minute: 4 * 60 });
    expect(toChinaTime(10, 0, 480)).toEqual({ day: 10, minute: 0 });
    expect(toChinaTime(10, 60, 14 * 60)).toEqual({ day: 9, minute: 19 * 60 });
    expect([parseUtcOffset("Z"), parseUtcOffset("+0800"), parseUtcOffset("-05:30"), parseUtcOffset("+15:00"), parseUtcOffset("+08:75")]).toEqual([0, 480, -330, undefined, undefined]);
  });
});

describe("independence from the machine's time zone and locale", () => {
  const src = join(import.meta.dirname, "..", "..", "src");
  const sourceFiles = (folder: string): string[] =>
    readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? sourceFiles(join(folder, entry.name)) : entry.name.endsWith(".ts") ? [join(folder, entry.name)] : [],
    );

  it("uses no local-time date API, and no locale it does not name, anywhere in src", () => {
    const localTime = /\.(getFullYear|getMonth|getDate|getDay|getHours|getMinutes|getTimezoneOffset|setFullYear|setMonth|setDate|setHours|toDateString|toTimeString)\(|\.toLocale(Date|Time)?String\(\s*\)|Intl\.DateTimeFormat\(\s*\)|new Date\(\s*\d{4}\s*,/;
    for (const path of sourceFiles(src)) expect(readFileSync(path, "utf8"), relative(src, path)).not.toMatch(localTime);
  });

  it("gives the same check output under TZ=Asia/Shanghai, America/New_York and Pacific/Kiritimati with other locales", { timeout: 120_000 }, async () => {
    const folder = mkdtempSync(join(tmpdir(), "zz-tz-"));
    try {
      writeFileSync(join(folder, "readings.csv"), file("time", (index) => `${new Date(juneStartMs + index * 3_600_000).toISOString().slice(0, 16)}Z`));
      writeFileSync(join(folder, "stations.csv"), stationList);
      const bin = join(import.meta.dirname, "..", "..", "bin", "zz-plan.js");
      const run = promisify(execFile);
      const outputs = await Promise.all(
        [
          ["Asia/Shanghai", "zh_CN.UTF-8"],
          ["America/New_York", "en_US.UTF-8"],
          ["Pacific/Kiritimati", "de_DE.UTF-8"],
        ].map(async ([tz, lang]) => {
          const env = { ...process.env, TZ: tz, LANG: lang, LC_ALL: lang, NO_COLOR: "1" };
          const result = await run(process.execPath, [bin, "check", "readings.csv", "stations.csv", "--format", "json", "--fail-on", "never"], { cwd: folder, env, maxBuffer: 1 << 26 });
          return result.stdout;
        }),
      );
      expect(outputs[0]).toContain("pm25-annual-mean");
      expect(outputs[1]).toBe(outputs[0]);
      expect(outputs[2]).toBe(outputs[0]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
