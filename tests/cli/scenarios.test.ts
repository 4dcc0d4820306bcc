import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { captureIo } from "../helpers/io.js";

const root = join(import.meta.dirname, "..", "scenarios");

/**
 * Each folder under tests/scenarios is one case: `args` (one line, run from that folder) and
 * `expected.md` recording the command, stdout, stderr and exit code. `vitest -u` rewrites them.
 * The first scenario of each command also loads that command's modules (they load lazily), so on a
 * busy machine a case may take seconds: a timeout must not cut a run short while it is chdir'ed.
 */
describe("CLI scenarios", { timeout: 60_000 }, () => {
  for (const name of readdirSync(root).sort()) {
    it(name, async () => {
      const folder = join(root, name);
      const args = readFileSync(join(folder, "args"), "utf8").trim();
      const io = captureIo();
      const previous = process.cwd();
      process.chdir(folder);
      let code: number;
      try {
        code = await main(["node", "zz-plan", ...splitArgs(args)], io);
      } finally {
        process.chdir(previous);
      }
      const record = [`$ zz-plan ${args}`, "", "```text", io.out().trimEnd(), "```", "", "stderr:", "", "```text", io.err().trimEnd(), "```", "", `Exit code: ${code}`, ""].join("\n");
      await expect(record).toMatchFileSnapshot(join(folder, "expected.md"));
    });
  }
});

function splitArgs(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((match) => match[1] ?? match[2] ?? "");
}
