import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const bin = join(import.meta.dirname, "..", "..", "bin", "zz-plan.js");

describe("locale and time zone never change a result (#11)", () => {
  it("gives the same JSON and table bytes under LANG=zh_CN.UTF-8 / C.UTF-8 and TZ=Asia/Shanghai / America/New_York / UTC", { timeout: 120_000 }, async () => {
    const root = mkdtempSync(join(tmpdir(), "zz-plan-locale-"));
    const drop = join(root, "drop");
    mkdirSync(drop);
    // Names a locale orders differently (case, accents, Chinese), each revising one value: the
    // file read last wins, so the order decides the result. Periods with offsets cross midnight.
    const names = ["a.csv", "B.csv", "ä.csv", "中原.csv", "Z.csv", "_x.csv"];
    names.forEach((name, index) => {
      writeFileSync(join(drop, name), `indicator,area,period,value\ndust-fall,全市,2025-06,${5 + index}\ngood-day-ratio,中原区,2025-06-30T${10 + index}:30Z,${60 + index}\n`);
    });
    const settings = [
      ["zh_CN.UTF-8", "Asia/Shanghai"],
      ["C.UTF-8", "America/New_York"],
      ["zh_CN.UTF-8", "UTC"],
    ];
    const outputs = await Promise.all(
      settings.map(async ([lang, tz], index) => {
        const json = join(root, `report-${index}.json`);
        const env = { ...process.env, LANG: lang, LC_ALL: lang, TZ: tz, NO_COLOR: "1" };
        const { stdout } = await run(process.execPath, [bin, "check", "drop", "-f", "json", "-o", json, "-f", "table", "--fail-on", "never"], { cwd: root, env, maxBuffer: 1 << 24 });
        return { table: stdout, json: readFileSync(json, "utf8") };
      }),
    );
    expect(outputs[0]!.json).toContain("dust-fall");
    for (const output of outputs.slice(1)) {
      expect(output.json).toBe(outputs[0]!.json);
      expect(output.table).toBe(outputs[0]!.table);
    }
  });
});
