import { createReadStream } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Observation } from "../../src/kinds/observation.js";
import { parsePeriod } from "../../src/vocabulary/period.js";
import { readDataFiles, type DataSource } from "../../src/kinds/files.js";
import { finishKinds, mergeComputed, startKindRun } from "../../src/kinds/run.js";
import { defineKind, type Kind } from "../../src/kinds/kind.js";
import { bundledLookup } from "../helpers/raw.js";
import { miniLookup } from "../helpers/plan.js";

function observation(value: number, file: string, provenance = false): Observation {
  const period = parsePeriod("2025-06");
  if (!period.ok) throw new Error(period.reason);
  return {
    indicator: "pm25-annual-mean",
    area: "410173",
    period: period.period,
    value,
    unit: "ug/m3",
    origin: { file, line: 2, column: 4 },
    ...(provenance ? { provenance: { method: "HJ 633", inputs: "4 stations, 30 days", details: [] } } : {}),
  };
}

describe("mergeComputed", () => {
  it("keeps the submitted value and reports a computed one that disagrees at its precision", () => {
    const merged = mergeComputed([observation(38, "air.csv")], [observation(39, "raw.csv", true)]);
    expect(merged.observations.map((item) => item.value)).toEqual([38]);
    expect(merged.issues).toEqual([
      expect.objectContaining({ code: "computed-differs", severity: "warning", location: { file: "air.csv", line: 2, column: 4 } }),
    ]);
    expect(merged.issues[0]?.message).toContain("is 38 here, but 39 computed from raw data (4 stations, 30 days)");
  });

  it("says nothing when the two agree at the precision the submitted value was written with", () => {
    expect(mergeComputed([observation(38, "air.csv")], [observation(38.4, "raw.csv")]).issues).toEqual([]);
    expect(mergeComputed([observation(38.5, "air.csv")], [observation(38.56, "raw.csv")]).issues).toHaveLength(1);
  });

  it("adds computed values that nothing submitted covers", () => {
    expect(mergeComputed([], [observation(39, "raw.csv", true)]).observations).toHaveLength(1);
  });
});

describe("reading raw files beside finished ones", () => {
  const raw = join(import.meta.dirname, "..", "..", "fixtures", "raw");
  const source = (file: string): DataSource => ({ file, open: () => createReadStream(file) });

  it("routes each file to its kind and computes indicators once all files are in", async () => {
    // The readings come before the station list that names their areas: order must not matter.
    const files = ["air-hourly-2025.csv", "stations.csv"].map((name) => source(join(raw, name)));
    const data = await readDataFiles(files, bundledLookup);
    expect(data.files.map((file) => [file.kind, file.rowsRead === file.rowsUsed + file.rowsRejected + file.rowsSkipped])).toEqual([
      ["air-readings", true],
      ["station-list", true],
    ]);
    const june = data.observations.find((item) => item.indicator === "pm25-annual-mean" && item.area === "410173" && item.period.label === "2025-06");
    expect(june?.provenance?.inputs).toMatch(/^4 stations, 30 days/);
    expect(data.issues.filter((issue) => issue.severity === "error")).toEqual([]);
  });
});

describe("what the plan uses of each kind", () => {
  const text = (file: string, body: string): DataSource => ({
    file,
    open: async function* () {
      yield new TextEncoder().encode(body);
    },
  });

  it("warns once per kind when the plan has no target on any indicator the kind gives", async () => {
    const water = ["date,section,氨氮", "2025-06-01,花园口,0.2", "2025-06-15,花园口,0.3"].join("\n");
    const data = await readDataFiles([text("w1.csv", water), text("w2.csv", water.replace("花园口", "柳园口"))], miniLookup());
    expect(data.files.map((file) => file.kind)).toEqual(["water", "water"]);
    const unplanned = data.issues.filter((issue) => issue.code === "no-planned-indicator");
    expect(unplanned).toEqual([expect.objectContaining({ severity: "warning", location: { file: "w1.csv" } })]);
    expect(unplanned[0]?.message).toContain("section-compliance-rate");
  });

  it("says nothing for a kind one of whose indicators has a target, nor for the general format", async () => {
    const readings = ["时间,站点,区县,PM2.5", "2025-06-01,s1,中原区,30"].join("\n");
    const general = ["indicator,area,period,value", "dust-fall,全市,2025-06,5"].join("\n");
    const data = await readDataFiles([text("air.csv", readings), text("values.csv", general)], miniLookup());
    expect(data.files.map((file) => file.kind)).toEqual(["air-readings", "observations"]);
    expect(data.issues.filter((issue) => issue.code === "no-planned-indicator")).toEqual([]);
  });
});

describe("a crash inside a kind", () => {
  it("names the kind and what it was doing, and keeps the original as the cause", () => {
    const failing = defineKind<undefined>({
      id: "failing",
      description: "a kind with a bug",
      detect: () => false,
      produces: [],
      createState: () => undefined,
      consume: async () => undefined,
      finish: () => {
        throw new TypeError("x is undefined");
      },
    });
    const run = startKindRun(bundledLookup, "2012");
    run.states.set(failing as Kind<unknown>, undefined);
    let caught: unknown;
    try {
      finishKinds(run);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(Error);
    expect((caught as Error).message).toBe('kind "failing" computing its indicators: x is undefined');
    expect((caught as Error).cause).toBeInstanceOf(TypeError);
  });
});
