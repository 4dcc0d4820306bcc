import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { captureIo } from "../helpers/io.js";
import { miniPlanYaml } from "../helpers/plan.js";

function workspace(data: string): { folder: string; plan: string; data: string } {
  const folder = mkdtempSync(join(tmpdir(), "zz-plan-main-"));
  writeFileSync(join(folder, "plan.yaml"), miniPlanYaml);
  writeFileSync(join(folder, "data.csv"), data);
  return { folder, plan: join(folder, "plan.yaml"), data: join(folder, "data.csv") };
}

const goodData = "indicator,area,period,value\ndust-fall,全市,2025-01,6.5\ndust-fall,全市,2025-02,7.5\n";

describe("main", () => {
  it("writes the report to --output and nothing to stdout", async () => {
    const { folder, plan, data } = workspace(goodData);
    const io = captureIo();
    const output = join(folder, "report.md");
    const code = await main(["node", "zz-plan", "check", data, "--plan", plan, "--format", "markdown", "--output", output], io);
    expect(code).toBe(1);
    expect(io.out()).toBe("");
    expect(readFileSync(output, "utf8")).toContain("# Gap report: 迷你计划");
    expect(readdirSync(folder).sort()).toEqual(["data.csv", "plan.yaml", "report.md"]);
  });

  it("leaves no report behind when the run cannot start", async () => {
    const { folder, data } = workspace(goodData);
    const io = captureIo();
    const output = join(folder, "report.md");
    const code = await main(["node", "zz-plan", "check", data, "--plan", join(folder, "missing.yaml"), "--output", output], io);
    expect(code).toBe(2);
    expect(existsSync(output)).toBe(false);
    expect(io.err()).toContain("missing.yaml  plan-unreadable  no such plan file");
  });

  it("writes no report when a data path on the command line does not exist (#8)", async () => {
    const { folder, plan, data } = workspace(goodData);
    const io = captureIo();
    const output = join(folder, "report.json");
    const code = await main(["node", "zz-plan", "check", data, join(folder, "drops", "2025-10"), "--plan", plan, "--format", "json", "--output", output], io);
    expect(code).toBe(2);
    expect(existsSync(output)).toBe(false);
    expect(io.out()).toBe("");
    expect(io.err()).toContain("file-not-found  no such file or folder");
    expect(io.err()).toContain("no report was written");
  });

  it("exits 1 at --fail-on no-data when an area sent nothing for a target (#8)", async () => {
    // Capacity and dust fall are met or on track for the city; the milestone t01-plan has no row for 中原区.
    const { plan, data } = workspace("indicator,area,period,value\ndust-fall,全市,2025-01,6.5\ncapacity,全市,2023-12,300\ncapacity,全市,2024-12,480\n");
    const run = (failOn: string) => main(["node", "zz-plan", "check", data, "--plan", plan, "--task", "t01", "--fail-on", failOn], captureIo());
    expect([await run("no-data"), await run("at-risk"), await run("fail")]).toEqual([1, 0, 0]);
  });

  it("emits JSON whose results match its summary", async () => {
    const { plan, data } = workspace(goodData);
    const io = captureIo();
    await main(["node", "zz-plan", "check", data, "--plan", plan, "--format", "json"], io);
    const report = JSON.parse(io.out()) as { version: number; summary: Record<string, number>; results: { status: string }[] };
    expect(report.version).toBe(2);
    const total = Object.values(report.summary).reduce((a, b) => a + b, 0);
    expect(report.results).toHaveLength(total);
    expect(report.results.filter((result) => result.status === "fail")).toHaveLength(report.summary.fail ?? -1);
  });

  it("exits 1 at --fail-on at-risk only when something is at risk", async () => {
    // One capacity value short of the target, and no baseline to project from: at-risk.
    const { plan, data } = workspace("indicator,area,period,value\ndust-fall,全市,2025-01,6.5\ncapacity,全市,2024-12,400\n");
    const atRisk = await main(["node", "zz-plan", "check", data, "--plan", plan, "--task", "t01", "--area", "全市", "--fail-on", "at-risk"], captureIo());
    const failOnly = await main(["node", "zz-plan", "check", data, "--plan", plan, "--task", "t01", "--area", "全市", "--fail-on", "fail"], captureIo());
    expect([atRisk, failOnly]).toEqual([1, 0]);
  });

  it("turns warnings into exit 3 under --strict", async () => {
    const { plan, data } = workspace(`${goodData}dust-fall,全市,2025-02,7.5\n`);
    const relaxed = captureIo();
    expect(await main(["node", "zz-plan", "check", data, "--plan", plan, "--fail-on", "never"], relaxed)).toBe(0);
    expect(relaxed.err()).toContain("duplicate-row");
    expect(await main(["node", "zz-plan", "check", data, "--plan", plan, "--fail-on", "never", "--strict"], captureIo())).toBe(3);
  });

  it("validates data without judging targets", async () => {
    const { plan, data } = workspace(`${goodData}dust-fall,全市,2025-13,1\n`);
    const io = captureIo();
    expect(await main(["node", "zz-plan", "validate", data, "--plan", plan], io)).toBe(3);
    expect(io.out()).toContain("3 rows read, 2 used, 1 rejected, 0 skipped");
    expect(io.err()).toContain("data.csv:4:3  bad-period  month 13 is not 1-12");
  });

  it.each([
    [["--as-of", "2025-02-30"], '--as-of "2025-02-30" is not a date written YYYY-MM-DD'],
    [["--task", "t99"], '--task "t99" is not a task of the plan'],
    [["--area", "Atlantis"], '--area "Atlantis" is not an area of the plan'],
    [["--basically", "lots"], '--basically "lots" should be a number'],
    [["--encoding", "latin9"], '--encoding "latin9" is not one of'],
  ])("rejects bad arguments %j with exit 2", async (args, message) => {
    const { plan, data } = workspace(goodData);
    const io = captureIo();
    expect(await main(["node", "zz-plan", "check", data, "--plan", plan, ...args], io)).toBe(2);
    expect(io.err()).toContain(message);
  });

  it("reports an internal error with the version, without a stack trace", async () => {
    const io = captureIo();
    const broken = { ...io, listDataFiles: () => Promise.reject(new TypeError("boom")) };
    const { plan, data } = workspace(goodData);
    expect(await main(["node", "zz-plan", "check", data, "--plan", plan], broken)).toBe(2);
    expect(io.err()).toMatch(/^zz-plan: internal error \(version \d+\.\d+\.\d+\): boom; please report it\n$/);
  });

  it("lists the targets of a plan", async () => {
    const { plan } = workspace(goodData);
    const io = captureIo();
    expect(await main(["node", "zz-plan", "targets", "--plan", plan], io)).toBe(0);
    expect(io.out()).toContain("6 targets in 2 tasks of mini-plan");
  });
});

describe("main, other commands", () => {
  it("reports the version package.json gives", async () => {
    const io = captureIo();
    expect(await main(["node", "zz-plan", "--version"], io)).toBe(0);
    const { version } = JSON.parse(readFileSync(join(import.meta.dirname, "..", "..", "package.json"), "utf8")) as { version: string };
    expect(io.out().trim()).toBe(version);
  });

  it("lists every problem code with its meaning", async () => {
    const { errorCatalogue } = await import("../../src/vocabulary/catalogue.js");
    const io = captureIo();
    expect(await main(["node", "zz-plan", "errors", "--format", "json"], io)).toBe(0);
    const listed = JSON.parse(io.out()) as { codes: { code: string }[] };
    expect(listed.codes.map((entry) => entry.code)).toEqual(errorCatalogue.map((entry) => entry.code));
  });

  it("reads a file as the kind --kind names, even when its columns say otherwise", async () => {
    const io = captureIo();
    const stations = join(import.meta.dirname, "..", "..", "fixtures", "raw", "stations.csv");
    expect(await main(["node", "zz-plan", "validate", stations, "--kind", "observations"], io)).toBe(3);
    expect(io.err()).toContain("missing-column");
    const detected = captureIo();
    expect(await main(["node", "zz-plan", "validate", stations, "--lang", "en"], detected)).toBe(0);
    expect(detected.out()).toMatch(/stations\.csv: (\d+) rows read, \1 used, 0 rejected/);
  });
});
