import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { readDataFiles } from "../../src/kinds/files.js";
import { buildLookup } from "../../src/plan/lookup.js";
import { loadPlan } from "../../src/plan/load.js";
import { readConcentration, readWaterBody } from "../../src/kinds/water/sections.js";

const planFile = fileURLToPath(new URL("../../plan/zhengzhou-2023-2025.yaml", import.meta.url));
const lookup = buildLookup(loadPlan(readFileSync(planFile, "utf8"), planFile));
const file = fileURLToPath(new URL("../fixtures-exports/地表水断面监测-2025.csv", import.meta.url));

describe("water: cells as monitoring exports write them", () => {
  it.each([
    ["0.04L", 0.02], ["L0.04", 0.02], ["<0.04", 0.02], ["＜0.04", 0.02], ["0.04L*", 0.02], ["*0.04L", 0.02], ["ND(0.04)", 0.02], ["未检出（0.04）", 0.02], ["≤0.04", 0.02],
  ])("%s is below the detection limit: half the limit, %s", (text, half) => {
    expect(readConcentration(text, "tp")).toEqual({ kind: "value", value: half, belowLimit: true });
  });

  it.each(["ND", "未检出", "<DL", "n.d.", "维护", "停运", "无效", "仪器故障", "--", "/", "—", "缺测", "断流"])("%s leaves that value out, without rejecting the row", (text) => {
    expect(readConcentration(text, "nh3n").kind).toBe("not-measured");
  });

  it("still rejects what is no value at all", () => {
    expect(readConcentration("达标", "nh3n").kind).toBe("invalid");
    expect(readConcentration("-0.2", "nh3n").kind).toBe("invalid");
  });

  it.each([
    ["入湖河流", "river"], ["入库河流", "river"], ["入河", "river"], ["出库河流", "river"], ["南水北调中线总干渠", "river"], ["运河", "river"], ["河流", "river"],
    ["湖库", "lake"], ["水库", "lake"], ["湖泊", "lake"],
  ])("water body %s is a %s", (text, body) => {
    expect(readWaterBody(text)).toBe(body);
  });
});

describe("water: a section export with the quirks of real ones (GB18030, 控制级别, ND, 维护, 0.04L*, 县控, the canal)", () => {
  it("uses every row, warns where a value was not measured, and judges each section as a professional would", async () => {
    const bytes = new Uint8Array(readFileSync(file));
    const data = await readDataFiles([{ file: "sections.csv", open: () => (async function* () { yield bytes; })() }], lookup);
    expect(data.files[0]).toMatchObject({ kind: "water", rowsRead: 18, rowsUsed: 18, rowsRejected: 0 });
    expect(data.issues.filter((issue) => issue.code === "value-not-measured").map((issue) => `${issue.location?.line}:${issue.location?.column}`)).toEqual(["3:12", "6:12", "7:12", "14:12"]);
    expect(data.issues.filter((issue) => issue.code === "county-section").map((issue) => issue.message)).toEqual([expect.stringContaining("颍河告成 is 县控")]);

    const find = (indicator: string, area: string, period: string) => data.observations.find((o) => o.indicator === indicator && o.area === area && o.period.label === period);
    // 东风渠入湖口 flows into a lake but keeps river TP limits: TP 0.15 is class III, which meets its IV target.
    const jinshui = find("section-compliance-rate", "410105", "2025-06");
    expect(jinshui?.value).toBe(100);
    expect(jinshui?.provenance?.details).toEqual([expect.stringMatching(/^东风渠入湖口 \(river, target IV\): class III, meets target/)]);
    // The county section is classed but not counted in the 国省市控 rate of its area.
    expect(find("section-compliance-rate", "410185", "2025-06")).toBeUndefined();
    // Below-detection values are flagged, value by value, in the provenance.
    const canalJan = find("snw-canal-class", "410100", "2025-01");
    expect(canalJan?.provenance?.details[0]).toContain("2 value(s) below the detection limit taken as half the limit");
    // The canal's annual class is reported beside December's.
    expect(find("snw-canal-class", "410100", "2025-12")?.provenance?.inputs).toContain("year 2025 (annual class), means of all its samples: class I");
  });
});
