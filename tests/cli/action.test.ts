import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";

const repo = join(import.meta.dirname, "..", "..");
const fixtures = join(repo, "tests", "fixtures-diff");

interface Step {
  id?: string;
  uses?: string;
  run?: string;
  shell?: string;
  env?: Record<string, string>;
}

const action = parse(readFileSync(join(repo, "action.yml"), "utf8")) as {
  inputs: Record<string, { default?: string; required?: boolean }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
};

/** `${{ inputs.x }}` and `${{ github.action_path }}` as the runner fills them in. */
function expand(text: string, inputs: Record<string, string>): string {
  return text.replace(/\$\{\{\s*([\w.-]+)\s*\}\}/g, (_, name: string) => {
    if (name === "github.action_path") return repo;
    if (name.startsWith("inputs.")) return inputs[name.slice(7)] ?? "";
    throw new Error(`the test does not know ${name}`);
  });
}

/**
 * Run the action's shell steps as a runner would, in a workspace holding the drop: inputs with
 * their defaults, GITHUB_ENV carried from step to step, the step summary and outputs in files.
 * `uses:` steps (setup-node) are GitHub's own and are skipped.
 */
function runAction(given: Record<string, string>, workspace: string) {
  const inputs = Object.fromEntries(Object.entries(action.inputs).map(([name, input]) => [name, given[name] ?? input.default ?? ""]));
  const files = { env: join(workspace, ".env"), output: join(workspace, ".output"), summary: join(workspace, ".summary.md") };
  for (const file of Object.values(files)) writeFileSync(file, "");
  let carried: Record<string, string> = {};
  let log = "";
  let status = 0;
  for (const step of action.runs.steps) {
    if (step.run === undefined) continue;
    expect(step.shell).toBe("bash");
    const env = { PATH: process.env.PATH, HOME: process.env.HOME, RUNNER_TEMP: workspace, GITHUB_ENV: files.env, GITHUB_OUTPUT: files.output, GITHUB_STEP_SUMMARY: files.summary, ...carried };
    for (const [name, value] of Object.entries(step.env ?? {})) env[name as keyof typeof env] = expand(value, inputs);
    // As GitHub runs a bash step: bash --noprofile --norc -eo pipefail {0}.
    const result = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", expand(step.run, inputs)], { cwd: workspace, env, encoding: "utf8" });
    log += result.stdout;
    status = result.status ?? -1;
    carried = Object.fromEntries(readFileSync(files.env, "utf8").split("\n").filter(Boolean).map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]));
    if (status !== 0) break;
  }
  const outputs = Object.fromEntries(readFileSync(files.output, "utf8").split("\n").filter(Boolean).map((line) => line.split("=")));
  return { status, log, outputs, summary: readFileSync(files.summary, "utf8") };
}

function workspace(): string {
  const folder = mkdtempSync(join(tmpdir(), "zz-action-"));
  for (const file of ["current.csv", "plan.yaml", "previous.json"]) copyFileSync(join(fixtures, file), join(folder, file));
  return folder;
}

describe("action.yml", { timeout: 60_000 }, () => {
  it("is a composite action with the inputs a CI job sets", () => {
    expect(action.runs.using).toBe("composite");
    for (const input of ["path", "plan", "fail-on", "lang", "baseline", "json", "markdown", "junit"]) expect(action.inputs[input], input).toBeDefined();
    expect(action.inputs.path!.required).toBe(true);
    expect(action.outputs["exit-code"]!.value).toContain("steps.check.outputs.exit-code");
  });

  it("checks a drop: annotations, the brief with what changed as the step summary, JSON and JUnit, the exit code", () => {
    const folder = workspace();
    const run = runAction({ path: "current.csv", plan: "plan.yaml", baseline: "previous.json", lang: "en" }, folder);
    // The drop has a rejected row: the step fails with exit code 3, and says so in its output.
    expect(run.status).toBe(3);
    expect(run.outputs["exit-code"]).toBe("3");
    expect(run.log).toMatch(/^zz-plan \d+\.\d+\.\d+$/m);
    expect(run.log).toMatch(/^::error file=current\.csv,line=26,col=4,title=not-a-number::/m);
    expect(run.log).toMatch(/^::notice title=zz-plan::/m);
    expect(run.summary).toContain("## Since the last report");
    expect(run.summary).toContain("newly failing");
    const report = JSON.parse(readFileSync(join(folder, "zz-plan-report.json"), "utf8"));
    expect(report.changes.counts["newly-failing"]).toBe(1);
    expect(readFileSync(join(folder, "zz-plan-report.md"), "utf8")).toBe(run.summary);
    expect(readFileSync(join(folder, "zz-plan-junit.xml"), "utf8")).toMatch(/^<\?xml[\s\S]*<testsuites[\s\S]*<failure/);
  });

  it("runs without a baseline the first month, with a notice, and writes nothing when it cannot run", () => {
    const folder = workspace();
    const first = runAction({ path: "current.csv", plan: "plan.yaml", baseline: "last/zz-plan-report.json", "fail-on": "never" }, folder);
    expect(first.log).toContain("::notice title=zz-plan::no baseline report at last/zz-plan-report.json");
    expect(JSON.parse(readFileSync(join(folder, "zz-plan-report.json"), "utf8")).changes).toBeUndefined();
    expect(first.summary).toContain("# 差距报告");
    const missing = workspace();
    const broken = runAction({ path: "drops/2025-13", plan: "plan.yaml" }, missing);
    expect(broken.status).toBe(2);
    expect(broken.outputs["exit-code"]).toBe("2");
    expect(existsSync(join(missing, "zz-plan-report.json"))).toBe(false);
  });
});
