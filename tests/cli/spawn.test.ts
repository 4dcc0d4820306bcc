import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const bin = join(import.meta.dirname, "..", "..", "bin", "zz-plan.js");

/** Runs the built command as a user would (npm test builds dist/ first). */
async function zzPlan(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], { env: { ...process.env, NO_COLOR: "1" } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

// Each case starts a Node process; on a busy machine that takes seconds.
describe("the zz-plan command", { timeout: 60_000 }, () => {
  it("prints its version and exits 0", async () => {
    const result = await zzPlan("--version");
    expect(result).toMatchObject({ code: 0 });
    expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it("exits 2 with one line per problem for a malformed plan", async () => {
    const folder = mkdtempSync(join(tmpdir(), "zz-plan-"));
    writeFileSync(join(folder, "plan.yaml"), "id: Bad Id\ntitle: 1\n");
    writeFileSync(join(folder, "data.csv"), "indicator,area,period,value\n");
    const result = await zzPlan("check", join(folder, "data.csv"), "--plan", join(folder, "plan.yaml"));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("plan.yaml:1:5  plan-invalid  id: expected a kebab-case id");
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("exits 2 for a missing data file", async () => {
    const result = await zzPlan("check", "no-such-file.csv");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("no-such-file.csv  file-not-found");
  });

  it("exits 1 when a target fails, and 0 with --fail-on never", async () => {
    const folder = mkdtempSync(join(tmpdir(), "zz-plan-"));
    writeFileSync(join(folder, "data.csv"), "indicator,area,period,value\npm25-annual-mean,全市,2025,45\n");
    const failing = await zzPlan("check", join(folder, "data.csv"), "--as-of", "2026-01-31", "--task", "goals", "--area", "全市", "--format", "json");
    expect(failing.code).toBe(1);
    const report = JSON.parse(failing.stdout) as { results: { target: string; status: string }[] };
    expect(report.results.find((result) => result.target === "goals-pm25")?.status).toBe("fail");
    const tolerant = await zzPlan("check", join(folder, "data.csv"), "--as-of", "2026-01-31", "--fail-on", "never");
    expect(tolerant.code).toBe(0);
  });
});
