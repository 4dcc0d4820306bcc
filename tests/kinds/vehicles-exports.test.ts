import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { readDataFiles } from "../../src/kinds/files.js";
import { readFuel, vehiclesKind } from "../../src/kinds/vehicles/index.js";
import { sewageKind } from "../../src/kinds/sewage/index.js";
import { buildLookup } from "../../src/plan/lookup.js";
import { loadPlan } from "../../src/plan/load.js";

const planFile = fileURLToPath(new URL("../../plan/zhengzhou-2023-2025.yaml", import.meta.url));
const lookup = buildLookup(loadPlan(readFileSync(planFile, "utf8"), planFile));
const fixture = (name: string) => new Uint8Array(readFileSync(fileURLToPath(new URL(`../fixtures-exports/${name}`, import.meta.url))));
const source = (file: string, bytes: Uint8Array) => ({ file, open: () => (async function* () { yield bytes; })() });

describe("vehicle registers as the traffic police export them", () => {
  it.each([
    ["A", "gasoline"], ["B", "diesel"], ["C", "bev"], ["E", "gas"], ["F", "lpg"], ["O", "hev"], ["X", "fcev"], ["Z", "other"],
    ["插混", "phev"], ["插电式混合动力", "phev"], ["油电混合", "hev"], ["EV", "bev"], ["CNG", "gas"],
  ])("fuel %s is %s", (text, fuel) => {
    expect(readFuel(text)).toBe(fuel);
  });

  it("recognises emergency-flag columns headed 特种车辆, 特殊需求车辆 or 应急", () => {
    for (const flag of ["特种车辆", "特殊需求车辆", "应急"]) expect(vehiclesKind.detect(["区县", "车辆类型", "燃料种类", "初次登记日期", flag])).toBe(true);
  });

  it("reads GA codes for fuel and status, 插混 as NEV, and leaves flagged special vehicles out", async () => {
    const data = await readDataFiles([source("register.csv", fixture("机动车登记-公交-2025.csv"))], lookup);
    expect(data.files[0]).toMatchObject({ kind: "vehicles", rowsRead: 6, rowsUsed: 6, rowsRejected: 0 });
    const march = data.observations.find((o) => o.indicator === "nev-share-bus" && o.area === "410102" && o.period.label === "2025-03");
    // In service on 2025-03-31: C (BEV) and 插混 (PHEV) of C, 插混, O (hybrid, status G) and the status-M bus; E and M are
    // retired, 特种车辆=是 is left out.
    expect(march?.provenance?.inputs).toContain("1 emergency or special-needs vehicle(s) left out");
    expect(march?.provenance?.details[0]).toContain("PHEV 1");
  });
});

describe("population tables as statistics bureaus export them", () => {
  it("recognises 常住人口(万人) as the served population, in units of 10,000", async () => {
    expect(sewageKind.detect(["区县", "年份", "常住人口(万人)"])).toBe(true);
    const data = await readDataFiles([source("population.csv", fixture("常住人口-2024.csv"))], lookup);
    expect(data.files[0]).toMatchObject({ kind: "sewage", rowsRead: 1, rowsUsed: 1, rowsRejected: 0 });
  });
});
