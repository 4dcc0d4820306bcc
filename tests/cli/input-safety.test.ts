import { appendFileSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { FileTooLargeError, maxDataFileBytes, maxPlanFileBytes, nodeIo, openBytes } from "../../src/cli/io.js";
import { main } from "../../src/cli/main.js";
import { recogniseOwnReport } from "../../src/report/own-report.js";
import { captureIo } from "../helpers/io.js";
import { miniPlanYaml } from "../helpers/plan.js";

const data = "indicator,area,period,value\ndust-fall,全市,2025-01,6.5\n";

function folder(): string {
  return mkdtempSync(join(tmpdir(), "zz-plan-inputs-"));
}

/** A plan, a drop folder with d.csv, and a file outside the drop. */
function layout(): { root: string; plan: string; drop: string; file: string; outside: string } {
  const root = folder();
  const plan = join(root, "plan.yaml");
  writeFileSync(plan, miniPlanYaml);
  const drop = join(root, "drop");
  mkdirSync(drop);
  const file = join(drop, "d.csv");
  writeFileSync(file, data);
  const outside = join(root, "secret.csv");
  writeFileSync(outside, "indicator,area,period,value\ndust-fall,全市,2025-02,7.5\n");
  return { root, plan, drop, file, outside };
}

async function check(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo();
  const code = await main(["node", "zz-plan", ...args], io);
  return { code, out: io.out(), err: io.err() };
}

describe("symbolic links in a searched folder are followed only within it (#11)", () => {
  it("reports a link to a file outside the folder and does not read it", async () => {
    const { drop, outside } = layout();
    symlinkSync(outside, join(drop, "leak.csv"));
    const { files, issues } = await nodeIo.listDataFiles([drop]);
    expect(files).toEqual([join(drop, "d.csv")]);
    expect(issues).toEqual([expect.objectContaining({ code: "symlink-outside", severity: "warning", location: { file: join(drop, "leak.csv") }, message: expect.stringContaining(outside) })]);
  });

  it("never walks a link to /, to a folder above, or to the folder itself", async () => {
    const { root, drop } = layout();
    symlinkSync("/", join(drop, "everything"));
    symlinkSync(root, join(drop, "parent"));
    symlinkSync(drop, join(drop, "self"));
    const { files, issues } = await nodeIo.listDataFiles([drop]);
    expect(files).toEqual([join(drop, "d.csv")]);
    expect(issues.map((issue) => `${issue.code} ${relative(drop, issue.location!.file!)}`)).toEqual(["symlink-outside everything", "symlink-outside parent"]);
  });

  it("follows a link that stays within the folder, reading its file once", async () => {
    const { drop, file } = layout();
    mkdirSync(join(drop, "sub"));
    symlinkSync(file, join(drop, "sub", "alias.csv"));
    const { files, issues } = await nodeIo.listDataFiles([drop]);
    expect(files).toEqual([file]);
    expect(issues).toEqual([expect.objectContaining({ code: "file-given-twice", location: { file: join(drop, "sub", "alias.csv") } })]);
  });

  it("follows a link named on the command line, wherever it leads", async () => {
    const { root, drop, outside } = layout();
    const link = join(root, "named.csv");
    symlinkSync(outside, link);
    const linkedFolder = join(root, "linked-drop");
    symlinkSync(drop, linkedFolder);
    const { files, issues } = await nodeIo.listDataFiles([link, linkedFolder]);
    expect(files).toEqual([link, join(linkedFolder, "d.csv")]);
    expect(issues).toEqual([]);
  });

  it("leaves the outside file's rows out of the report", async () => {
    const { plan, drop, outside } = layout();
    symlinkSync(outside, join(drop, "leak.csv"));
    const result = await check(["validate", drop, "--plan", plan, "--format", "json"]);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.out);
    expect(report.observations).toBe(1);
    expect(report.inputs.map((input: { file: string }) => input.file)).toEqual([join(drop, "d.csv")]);
    expect(report.diagnostics).toEqual([expect.objectContaining({ code: "symlink-outside" })]);
  });
});

describe("one file named several ways is read once (#11)", () => {
  it("lists a.csv, ./a.csv, a link to it and a folder holding it once", async () => {
    const { root, drop, file } = layout();
    const link = join(root, "link.csv");
    symlinkSync(file, link);
    const spellings = [file, `${drop}/./d.csv`, relative(process.cwd(), file), link, drop, `${root}/drop/../drop`];
    const { files, issues } = await nodeIo.listDataFiles(spellings);
    expect(files).toEqual([file]);
    expect(issues.map((issue) => issue.code)).toEqual(spellings.slice(1).map(() => "file-given-twice"));
  });

  it("reads its rows once: no duplicate-row warnings, one input", async () => {
    const { plan, drop, file } = layout();
    const result = await check(["validate", drop, file, `${drop}/./d.csv`, "--plan", plan, "--format", "json"]);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.out);
    expect(report.inputs).toHaveLength(1);
    expect(report.diagnostics.map((diagnostic: { code: string }) => diagnostic.code)).toEqual(["file-given-twice", "file-given-twice"]);
  });
});

describe("zz-plan's own reports in a checked folder are skipped with a notice (#11)", () => {
  it("recognises every JSON and CSV output as a report, and data as data", async () => {
    const { plan, drop } = layout();
    const outputs = [
      ["check", drop, "--plan", plan, "--format", "json", "--fail-on", "never"],
      ["validate", drop, "--plan", plan, "--format", "json"],
      ["completeness", drop, "--plan", plan, "--format", "json"],
      ["completeness", drop, "--plan", plan, "--format", "csv"],
      ["check", drop, "--plan", plan, "--format", "csv", "--fail-on", "never", "--lang", "zh"],
      ["check", drop, "--plan", plan, "--format", "csv", "--fail-on", "never", "--lang", "en"],
      ["targets", "--plan", plan, "--format", "json"],
      ["indicators", "--plan", plan, "--format", "json"],
      ["errors", "--format", "json"],
    ];
    for (const args of outputs) {
      const { out } = await check(args);
      expect(recogniseOwnReport(out.slice(0, 1024)), args.join(" ")).toBeDefined();
    }
    for (const text of [data, '[{"indicator":"dust-fall"}]', '{ "observations": [] }', '{"version": 1, "observations": []}', "区县,指标,时间,数值\n", "\uFEFF指标,区县,时间,数值,单位,备注\n"]) {
      expect(recogniseOwnReport(text), text).toBeUndefined();
    }
  });

  it("does not read an earlier report lying in the folder, under any name", async () => {
    const { root, plan, drop } = layout();
    const first = await check(["check", drop, "--plan", plan, "--format", "json", "--output", join(root, "report.json"), "--fail-on", "never"]);
    expect(first.code).toBe(0);
    copyFileSync(join(root, "report.json"), join(drop, "2025-06.json"));
    writeFileSync(join(drop, "status.csv"), (await check(["completeness", drop, "--plan", plan, "--format", "csv"])).out);
    const again = await check(["check", drop, "--plan", plan, "--format", "json", "--fail-on", "never"]);
    expect(again.code).toBe(0);
    const report = JSON.parse(again.out);
    const skipped = report.diagnostics.filter((diagnostic: { code: string }) => diagnostic.code === "zz-plan-report");
    expect(skipped.map((diagnostic: { location: { file: string } }) => relative(drop, diagnostic.location.file))).toEqual(["2025-06.json", "status.csv"]);
    expect(report.inputs.reduce((sum: number, input: { rowsRejected: number }) => sum + input.rowsRejected, 0)).toBe(0);
  });
});

describe("size bounds on every input (#11)", () => {
  it("refuses a data file over the limit before reading it, with a one-line error per file", async () => {
    const { plan, drop } = layout();
    const big = join(drop, "huge.csv");
    // Sparse: the size is there, the bytes are not, so the test writes nothing.
    writeFileSync(big, "");
    truncateSync(big, maxDataFileBytes + 1);
    const result = await check(["validate", drop, "--plan", plan]);
    expect(result.code).toBe(3);
    expect(result.err).toMatch(/huge\.csv +file-too-large +the file is larger than 1 GiB, the most zz-plan reads from one file/);
    expect(result.err).toContain("hint: split it into smaller files");
    expect(result.err).not.toMatch(/raise|--max/);
  });

  it("stops a file that grows past the limit while it is read", async () => {
    const { file } = layout();
    const chunks = openBytes(file, 100)[Symbol.asyncIterator]();
    expect((await chunks.next()).done).toBe(false);
    appendFileSync(file, "x".repeat(100));
    await expect(chunks.next()).rejects.toBeInstanceOf(FileTooLargeError);
  });

  it("refuses a plan file over 5 MB with a one-line usage error, exit 2", async () => {
    const { root, drop } = layout();
    const plan = join(root, "huge.yaml");
    writeFileSync(plan, "");
    truncateSync(plan, maxPlanFileBytes + 1);
    const result = await check(["check", drop, "--plan", plan]);
    expect(result.code).toBe(2);
    expect(result.err.trim().split("\n")).toEqual([expect.stringMatching(/huge\.yaml +plan-too-large +the plan file is larger than 5 MB/)]);
    expect(readFileSync(join(drop, "d.csv"), "utf8")).toBe(data);
  });
});
