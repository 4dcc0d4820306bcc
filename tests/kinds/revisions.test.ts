import { createReadStream, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { readDataFiles, type DataSource, type OnConflict } from "../../src/kinds/files.js";
import { evaluate } from "../../src/engine/evaluate.js";
import { buildLookup } from "../../src/plan/lookup.js";
import { loadPlan } from "../../src/plan/load.js";

const planFile = fileURLToPath(new URL("../../plan/zhengzhou-2023-2025.yaml", import.meta.url));
const lookup = buildLookup(loadPlan(readFileSync(planFile, "utf8"), planFile));
const folder = fileURLToPath(new URL("../fixtures-trust/revisions/", import.meta.url));
/** The city's monthly bulletin (UTF-8 with a BOM), and the 2024 months re-sent after audit (GB18030, with 报送日期). */
const bulletin = "空气质量月报-2025年10月.csv";
const resent = "2024年月均值重报.csv";

const fromDisk = (name: string): DataSource => ({ file: name, open: () => createReadStream(`${folder}${name}`) });
const inMemory = (file: string, text: string): DataSource => ({
  file,
  open: () => (async function* () {
    yield new TextEncoder().encode(text);
  })(),
});

async function judgeCityPm25(sources: DataSource[], onConflict?: OnConflict) {
  const data = await readDataFiles(sources, lookup, onConflict ? { onConflict } : {});
  for (const file of data.files) expect(file.rowsRead).toBe(file.rowsUsed + file.rowsRejected + file.rowsSkipped);
  const report = evaluate(lookup, data, { targets: ["goals-pm25"], areas: ["410100"] });
  return { data, result: report.results[0]! };
}

describe("re-sent months (revisions)", () => {
  it("the bulletin alone is judged at-risk by the same-period method", async () => {
    const { result } = await judgeCityPm25([fromDisk(bulletin)]);
    expect(result).toMatchObject({ status: "at-risk", method: "same-period" });
    expect(result.inputConflicts).toBeUndefined();
  });

  it("by default the later file wins, with one revised-value warning per replaced row naming both rows", async () => {
    const { data, result } = await judgeCityPm25([fromDisk(bulletin), fromDisk(resent)]);
    const revised = data.issues.filter((issue) => issue.code === "revised-value");
    expect(revised).toHaveLength(12);
    expect(revised[0]).toMatchObject({ severity: "warning", location: { file: bulletin, line: 3, column: 4 } });
    expect(revised[0]!.message).toBe(
      `pm25-annual-mean for 410100 2024-01 is 70 here but 71 at ${resent} line 2; 71 is used (the later file on the command line wins; the rows do not both give a 报送日期)`,
    );
    expect(data.issues.filter((issue) => issue.severity === "error")).toEqual([]);
    expect(data.files.map((file) => [file.rowsUsed, file.rowsSkipped])).toEqual([[11, 12], [12, 0]]);
    expect(result).toMatchObject({ status: "at-risk", method: "same-period", inputConflicts: { rule: "later-file", rowsDropped: 12 } });
    expect(result.inputConflicts?.periods).toHaveLength(12);
    expect(result.reason).toContain("inputs for 2024-01, 2024-02, 2024-03 ... 2024-12 (12 periods) conflict (12 row(s) not used; the later file's value is used)");
  });

  it("--on-conflict earlier keeps the first file's values", async () => {
    const { data, result } = await judgeCityPm25([fromDisk(bulletin), fromDisk(resent)], "earlier");
    expect(data.observations.find((o) => o.period.label === "2024-01")?.value).toBe(70);
    expect(result).toMatchObject({ status: "at-risk", method: "same-period", inputConflicts: { rule: "earlier-file" } });
  });

  it("under --on-conflict reject a conflict never turns at-risk into on-track by dropping months out of the same-period method", async () => {
    const { data, result } = await judgeCityPm25([fromDisk(bulletin), fromDisk(resent)], "reject");
    expect(data.issues.filter((issue) => issue.code === "conflicting-rows")).toHaveLength(24);
    expect(result.status).not.toBe("on-track");
    expect(result).toMatchObject({ status: "no-data", method: "same-period", inputConflicts: { rule: "reject", rowsDropped: 24 } });
    expect(result.reason).toMatch(/^not judged: the same-period method needs 2024-01, .*with the first value at-risk, with the last at-risk\); without them the linear-path method would say on-track/);
    expect(result.actual).toBeUndefined();
  });

  it("a 报送日期 column decides before file order: the later date wins even from the earlier file", async () => {
    const header = "指标,区县,月份,数值,报送日期\n";
    const audited = inMemory("audited.csv", `${header}平均降尘量,中原区,2025-06,5.2,2025-07-20\n`);
    const first = inMemory("first.csv", `${header}平均降尘量,中原区,2025年6月,6.1,2025-07-05\n`);
    const data = await readDataFiles([audited, first], lookup);
    expect(data.observations.map((o) => o.value)).toEqual([5.2]);
    expect(data.issues).toEqual([expect.objectContaining({ code: "revised-value", location: { file: "first.csv", line: 2, column: 4 } })]);
    expect(data.issues[0]!.message).toContain("5.2 is used (its 报送日期/revision 2025-07-20 is later than 2025-07-05)");
    const earlier = await readDataFiles([audited, first], lookup, { onConflict: "earlier" });
    expect(earlier.observations.map((o) => o.value)).toEqual([6.1]);
  });

  it("revision numbers compare as numbers, and a bad 报送日期 rejects the row", async () => {
    const data = await readDataFiles(
      [inMemory("r.csv", "指标,区县,月份,数值,版本\n平均降尘量,中原区,2025-06,5.2,10\n平均降尘量,中原区,2025-06,6.1,9\n平均降尘量,中原区,2025-05,6.1,下周\n")],
      lookup,
    );
    expect(data.observations.map((o) => o.value)).toEqual([5.2]);
    expect(data.issues.map((issue) => `${issue.code}@${issue.location?.line}`).sort()).toEqual(["bad-revision@4", "revised-value@3"]);
  });
});
