import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readDataFiles, type DataSource } from "../../src/kinds/files.js";
import { bundledLookup } from "../helpers/raw.js";
import { encodeGb18030 } from "../helpers/gb18030.js";

/**
 * The air readings' line path (simple lines placed straight from the text) must give exactly what
 * the record path gives: the same observations, issues, row counts and conflicts, on any file,
 * whatever its oddities (blank and bad cells, quotes, spaces, unknown areas and stations,
 * repeated and conflicting rows, sign-off lines, CRLF, a BOM, GB18030).
 */

function encode(text: string, encoding: "utf-8" | "gb18030"): Uint8Array {
  return encoding === "utf-8" ? new TextEncoder().encode(text) : encodeGb18030(text);
}

function source(file: string, bytes: Uint8Array, chunk: number): DataSource {
  return {
    file,
    open: async function* () {
      for (let start = 0; start < bytes.length; start += chunk) yield bytes.slice(start, start + chunk);
    },
  };
}

const stations = [
  { code: "1001A", name: "市监测站", area: "中原区" },
  { code: "1002A", name: "银行学校", area: "二七区" },
  { code: "1003A", name: "郑纺机", area: "金水区" },
];
const pollutants = ["pm25", "pm10", "so2", "no2", "co", "o3"];

/** One line's deviation from a well-formed reading, if any. */
const oddity = fc.constantFrom(
  "none", "none", "none", "none", "none", "none", "none", "none", "none", "none", "none", "none",
  "blank value", "dash", "negative", "flag", "above ceiling", "exponent", "spaced value", "quoted value", "trailing point",
  "spaced station", "empty station", "new station", "unknown area", "other area", "empty area",
  "bad time", "offset time", "hour 24", "slash time", "empty time",
  "repeat", "conflict", "blank line", "sign-off", "ragged", "extra empties", "all blank values",
);

interface FileSpec {
  header: "english" | "chinese" | "code and name" | "name first" | "daily";
  delimiter: "," | ";" | "\t";
  hours: number;
  oddities: string[];
  end: "\n" | "\r\n";
  bom: boolean;
  encoding: "utf-8" | "gb18030";
  chunk: number;
  seed: number;
}

const fileSpec: fc.Arbitrary<FileSpec> = fc.record({
  header: fc.constantFrom("english", "chinese", "code and name", "name first", "daily"),
  delimiter: fc.constantFrom(",", ",", ";", "\t"),
  hours: fc.oneof(fc.integer({ min: 1, max: 30 }), fc.constant(24 * 31)),
  oddities: fc.array(oddity, { minLength: 90, maxLength: 90 }),
  end: fc.constantFrom("\n", "\r\n"),
  bom: fc.boolean(),
  encoding: fc.constantFrom("utf-8", "gb18030"),
  chunk: fc.constantFrom(61, 4096),
  seed: fc.integer({ min: 1, max: 1000 }),
});

function writeFile(spec: FileSpec): string {
  const header =
    spec.header === "english"
      ? ["time", "station", "district", ...pollutants]
      : spec.header === "chinese"
        ? ["时间", "站点名称", "区县", "PM2.5", "PM10", "SO2", "NO2", "CO", "O3"]
        : spec.header === "name first"
          ? ["省份", "站点名称", "时间", "区县", "PM2.5", "PM10", "SO2", "NO2", "CO", "O3"]
          : spec.header === "daily"
            ? ["日期", "站点名称", "区县", "PM2.5", "PM10", "SO2", "NO2", "CO", "O3_8h"]
            : ["time", "station_code", "station_name", "area", ...pollutants];
  const d = spec.delimiter;
  const lines = [header.join(d)];
  let oddityAt = 0;
  let previous = "";
  const hourLabels = spec.oddities.includes("hour 24") ? "end" : "start";
  const daily = spec.header === "daily";
  // A daily file has a row per station and day: its "hours" are days, at most the month's 31.
  for (let hour = 0; hour < (daily ? Math.min(spec.hours, 31) : spec.hours); hour++) {
    const day = daily ? hour + 1 : 1 + Math.floor(hour / 24);
    const label = hourLabels === "end" ? (hour % 24) + 1 : hour % 24;
    const date = `2024-03-${String(day).padStart(2, "0")}`;
    const time = daily ? date : `${date} ${String(label).padStart(2, "0")}:00`;
    for (const [index, station] of stations.entries()) {
      const odd = spec.oddities[oddityAt++ % spec.oddities.length]!;
      const values = pollutants.map((_, p) => String(((spec.seed * 31 + hour * 7 + index * 13 + p * 5) % 90) + (p === 4 ? 0.25 : 1)));
      let timeText = time;
      let name = spec.header === "english" ? station.code : station.name;
      let area = station.area;
      if (odd === "blank value") values[1] = "";
      if (odd === "all blank values") values.fill("");
      if (odd === "dash") values[2] = "—";
      if (odd === "negative") values[0] = "-5";
      if (odd === "flag") values[3] = "9999";
      if (odd === "above ceiling") values[0] = "5000";
      if (odd === "exponent") values[0] = "1e1";
      if (odd === "spaced value") values[5] = ` ${values[5]} `;
      if (odd === "quoted value") values[0] = `"${values[0]}"`;
      if (odd === "trailing point") values[0] = "12.";
      if (odd === "spaced station") name = ` ${name}`;
      if (odd === "empty station") name = "";
      if (odd === "new station") name = `${name}X`;
      if (odd === "unknown area") area = "火星区";
      if (odd === "other area") area = "惠济区";
      if (odd === "empty area") area = "";
      if (odd === "bad time") timeText = "2024-13-01 00:00";
      if (odd === "offset time") timeText = `${time}+08:00`;
      if (odd === "slash time") timeText = time.replace(/-/g, "/");
      if (odd === "empty time") timeText = "";
      const cells =
        spec.header === "code and name" ? [timeText, station.code, name, area, ...values] : spec.header === "name first" ? [odd === "sign-off" ? "备注：实时数据" : "河南省", name, timeText, area, ...values] : [timeText, name, area, ...values];
      let line = cells.join(d);
      if (odd === "conflict" && previous !== "") line = previous.replace(/(\d+)$/, (last: string) => `${Number(last) + 1}`);
      if (odd === "repeat" && previous !== "") line = previous;
      if (odd === "ragged") line = cells.slice(0, -1).join(d);
      if (odd === "extra empties") line += d + d;
      lines.push(line);
      if (odd === "blank line") lines.push("");
      if (odd === "sign-off" && spec.header !== "name first") lines.push("填报人：张三");
      previous = line;
    }
  }
  return `${spec.bom ? "\uFEFF" : ""}${lines.join(spec.end)}${spec.end}`;
}

async function readBoth(files: FileSpec[]) {
  const sources = (referencePath: boolean) => files.map((spec, index) => source(`r${index}.csv`, encode(writeFile(spec), spec.encoding), spec.chunk));
  const fast = await readDataFiles(sources(false), bundledLookup);
  const reference = await readDataFiles(sources(true), bundledLookup, { referencePath: true });
  return { fast, reference };
}

describe("air readings: the line path reads what the record path reads", () => {
  it("on random files with every oddity", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fileSpec, { minLength: 1, maxLength: 2 }), async (files) => {
        const { fast, reference } = await readBoth(files);
        expect(fast).toEqual(reference);
      }),
      { numRuns: 25 },
    );
  });

  it("takes the simple lines of a clean file, and gives the same result", async () => {
    const spec: FileSpec = { header: "english", delimiter: ",", hours: 24 * 31, oddities: ["none"], end: "\r\n", bom: false, encoding: "gb18030", chunk: 64, seed: 3 };
    const { fast, reference } = await readBoth([spec]);
    expect(fast).toEqual(reference);
    expect(fast.files[0]).toMatchObject({ kind: "air-readings", encoding: "gb18030", rowsRead: 2232, rowsUsed: 2232 });
    expect(fast.observations.length).toBeGreaterThan(0);
  });
});
