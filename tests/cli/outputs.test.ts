import { mkdtempSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { fitSummary, pairOutputs, stepSummaryLimit } from "../../src/cli/outputs.js";
import { captureIo } from "../helpers/io.js";

const ci = join(import.meta.dirname, "..", "report", "ci");
const args = (...rest: string[]) => ["node", "zz-plan", "check", join(ci, "data.csv"), "--plan", join(ci, "plan.yaml"), ...rest];

describe("-f and -o in pairs", () => {
  it("pairs the n-th --output with the n-th --format and sends the rest to stdout", () => {
    expect(pairOutputs(["json", "markdown", "github"], ["r.json", "r.md"], "table")).toEqual([
      { format: "json", file: "r.json" },
      { format: "markdown", file: "r.md" },
      { format: "github" },
    ]);
    expect(pairOutputs(undefined, ["out.txt"], "table")).toEqual([{ format: "table", file: "out.txt" }]);
    expect(pairOutputs(undefined, undefined, "table")).toEqual([{ format: "table" }]);
  });

  it("refuses two formats on stdout, an --output without a format, and one file twice", () => {
    expect(() => pairOutputs(["json", "github"], [], "table")).toThrow(/json and github would both go to stdout/);
    expect(() => pairOutputs(["json"], ["a", "b"], "table")).toThrow(/2 --output for 1 --format/);
    expect(() => pairOutputs(["json", "markdown"], ["a", "a"], "table")).toThrow(/given twice/);
  });

  it("writes every output of one run exactly as separate runs would", async () => {
    const folder = mkdtempSync(join(tmpdir(), "zz-outputs-"));
    const io = captureIo();
    const code = await main(args("-f", "json", "-o", join(folder, "r.json"), "-f", "markdown", "-o", join(folder, "r.md"), "-f", "junit", "-o", join(folder, "r.xml"), "-f", "github"), io);
    expect(code).toBe(3);
    expect(io.out()).toMatch(/^::error file=/);
    for (const [format, file] of [["json", "r.json"], ["markdown", "r.md"], ["junit", "r.xml"]] as const) {
      const alone = captureIo();
      await main(args("--format", format), alone);
      expect(readFileSync(join(folder, file), "utf8"), format).toBe(alone.out());
    }
  });

  it("writes nothing when the pairing is wrong", async () => {
    const folder = mkdtempSync(join(tmpdir(), "zz-outputs-"));
    const io = captureIo();
    expect(await main(args("-f", "json", "-o", join(folder, "a.json"), "-o", join(folder, "b.json")), io)).toBe(2);
    expect(existsSync(join(folder, "a.json"))).toBe(false);
    expect(io.err()).toContain("bad-argument");
  });
});

describe("--step-summary", () => {
  it("appends the markdown report to GITHUB_STEP_SUMMARY after what the step wrote", async () => {
    const folder = mkdtempSync(join(tmpdir(), "zz-summary-"));
    const summary = join(folder, "summary.md");
    writeFileSync(summary, "## before\n");
    const io = { ...captureIo(), env: { NO_COLOR: "1", GITHUB_STEP_SUMMARY: summary } };
    await main(args("--step-summary", "-f", "github", "--fail-on", "never"), io);
    const markdown = captureIo();
    await main(args("--format", "markdown"), markdown);
    expect(readFileSync(summary, "utf8")).toBe(`## before\n${markdown.out()}`);
  });

  it("says so on stderr, and writes nothing, outside GitHub Actions", async () => {
    const io = captureIo();
    await main(args("--step-summary", "--fail-on", "never"), io);
    expect(io.err()).toContain("GITHUB_STEP_SUMMARY is not set");
  });

  it("cuts a report at a line to stay under GitHub's 1 MiB", () => {
    const long = Array.from({ length: 60_000 }, (_, index) => `| 中原区 | row ${index} |`).join("\n");
    const fitted = fitSummary(long, stepSummaryLimit);
    expect(Buffer.byteLength(fitted, "utf8")).toBeLessThanOrEqual(stepSummaryLimit);
    expect(fitted).toContain("Cut here to stay under GitHub's 1 MiB step-summary limit");
    expect(fitted.split("\n").filter((line) => line.startsWith("| ")).every((line) => line.endsWith("|"))).toBe(true);
    expect(fitSummary("# short\n", 100)).toBe("# short\n");
    expect(fitSummary("# short\n", 5)).toBe("");
  });
});
