import { mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { captureIo } from "../helpers/io.js";
import { miniPlanYaml } from "../helpers/plan.js";

const data = "indicator,area,period,value\ndust-fall,全市,2025-01,6.5\ndust-fall,全市,2025-02,7.5\n";

function drop(): { folder: string; plan: string; file: string } {
  const folder = mkdtempSync(join(tmpdir(), "zz-plan-output-"));
  const plan = join(folder, "plan.yaml");
  writeFileSync(plan, miniPlanYaml);
  mkdirSync(join(folder, "drop"));
  const file = join(folder, "drop", "d.csv");
  writeFileSync(file, data);
  return { folder, plan, file };
}

// Every spelling a user (or a script) might give for the data file itself.
const spellings: Record<string, (folder: string, file: string) => string> = {
  "the same path": (_folder, file) => file,
  "a relative path": (_folder, file) => relative(process.cwd(), file),
  // Built by hand: path.join would normalise the ./ and .. away.
  "a path with ./ and ..": (folder) => `${folder}/drop/./../drop//d.csv`,
  "a symbolic link to it": (folder, file) => {
    const link = join(folder, "link.csv");
    symlinkSync(file, link);
    return link;
  },
};

describe("--output never overwrites an input (#11)", () => {
  for (const [name, spell] of Object.entries(spellings)) {
    for (const command of ["check", "validate"]) {
      it(`${command}: refuses ${name}, leaves the data as it was and exits 2`, async () => {
        const { folder, plan, file } = drop();
        const io = captureIo();
        const output = spell(folder, file);
        const code = await main(["node", "zz-plan", command, file, "--plan", plan, "--format", "json", "--output", output], io);
        expect(code).toBe(2);
        expect(readFileSync(file, "utf8")).toBe(data);
        expect(io.err()).toContain("a report never overwrites the data");
        expect(io.err().trim().split("\n")).toHaveLength(1);
      });
    }
  }

  it("does not read back a report written into the folder being checked", async () => {
    const { folder, plan } = drop();
    const output = join(folder, "drop", "report.json");
    for (let run = 0; run < 2; run++) {
      const io = captureIo();
      const code = await main(["node", "zz-plan", "check", join(folder, "drop"), "--plan", plan, "--format", "json", "--output", output, "--fail-on", "never"], io);
      expect(code).toBe(0);
      expect(JSON.parse(readFileSync(output, "utf8")).inputs.map((input: { file: string }) => input.file)).toEqual([join(folder, "drop", "d.csv")]);
    }
    expect(readdirSync(join(folder, "drop")).sort()).toEqual(["d.csv", "report.json"]);
  });
});
