import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { captureIo } from "../helpers/io.js";
import { miniPlanYaml } from "../helpers/plan.js";

// A rejected row whose issue carries a hint: the hint is a line of its own in the brief and the
// HTML report, never a literal "\n" inside the issue's line.
describe("an issue's hint in the reports", () => {
  it("is its own line in the markdown brief and the HTML report", async () => {
    const folder = mkdtempSync(join(tmpdir(), "zz-plan-issue-lines-"));
    const plan = join(folder, "plan.yaml");
    const data = join(folder, "d.csv");
    writeFileSync(plan, miniPlanYaml);
    writeFileSync(data, "indicator,area,period,value\ndust-fall,全市,2025-01,6.5\ndust-fall,全市,2025-02,3 5\n");
    for (const format of ["markdown", "html"] as const) {
      const io = captureIo();
      await main(["node", "zz-plan", "check", data, "--plan", plan, "--fail-on", "never", "--lang", "en", "-f", format], io);
      const out = io.out();
      const issue = out.split("\n").find((line) => line.includes("not-a-number"));
      expect(issue, format).toBeDefined();
      expect(issue, format).not.toContain("\\n");
      expect(out, format).toMatch(format === "markdown" ? /\n {4}hint: / : /<br> {4}hint: /);
    }
  });
});
