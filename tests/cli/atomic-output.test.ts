import { spawn } from "node:child_process";
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from "node:fs";
import type { FileHandle } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { removePendingTemporaries, writeFileAtomic } from "../../src/cli/io.js";
import { main } from "../../src/cli/main.js";
import { captureIo } from "../helpers/io.js";

function folder(): string {
  return mkdtempSync(join(tmpdir(), "zz-plan-atomic-"));
}

describe("writing a report atomically (#11)", () => {
  it("leaves the old file and no temporary file when writing fails half-way", async () => {
    const root = folder();
    const target = join(root, "report.json");
    writeFileSync(target, "old report");
    const failing = async (handle: FileHandle, text: string | Uint8Array) => {
      await handle.write(String(text).slice(0, 3));
      throw Object.assign(new Error("no space left on device"), { code: "ENOSPC" });
    };
    await expect(writeFileAtomic(target, "new report", failing)).rejects.toThrow(/no space left/);
    expect(readFileSync(target, "utf8")).toBe("old report");
    expect(readdirSync(root)).toEqual(["report.json"]);
  });

  it("removes the temporary file of a write a signal interrupts, and the target is untouched", async () => {
    const root = folder();
    const target = join(root, "report.json");
    writeFileSync(target, "old report");
    let resume = () => {};
    let started = () => {};
    const writing = new Promise<void>((resolve) => (started = resolve));
    const paused = async (handle: FileHandle, text: string | Uint8Array) => {
      await handle.write(String(text).slice(0, 3));
      started();
      await new Promise<void>((resolve) => (resume = resolve));
      await handle.write(String(text).slice(3));
    };
    const write = writeFileAtomic(target, "new report", paused);
    await writing;
    expect(readdirSync(root)).toHaveLength(2);
    // What the SIGINT/SIGTERM handler does before the process exits.
    removePendingTemporaries();
    expect(readdirSync(root)).toEqual(["report.json"]);
    resume();
    await expect(write).rejects.toThrow();
    expect(readFileSync(target, "utf8")).toBe("old report");
    expect(readdirSync(root)).toEqual(["report.json"]);
  });

  it("writes through a symbolic link to its target and keeps the link", async () => {
    const root = folder();
    mkdirSync(join(root, "reports"));
    const target = join(root, "reports", "2025-06.md");
    writeFileSync(target, "old");
    const link = join(root, "latest.md");
    symlinkSync(join("reports", "2025-06.md"), link);
    await writeFileAtomic(link, "new");
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(join("reports", "2025-06.md"));
    expect(readFileSync(target, "utf8")).toBe("new");
    expect(readdirSync(root).sort()).toEqual(["latest.md", "reports"]);
    expect(readdirSync(join(root, "reports"))).toEqual(["2025-06.md"]);
  });

  it("keeps an existing report's permissions", async () => {
    const root = folder();
    const target = join(root, "report.md");
    writeFileSync(target, "old", { mode: 0o640 });
    await writeFileAtomic(target, "new");
    expect(lstatSync(target).mode & 0o777).toBe(0o640);
  });
});

describe("--output is checked before anything is read (#11)", () => {
  for (const [name, output] of [
    ["in a folder that does not exist", (root: string) => join(root, "no-such-folder", "report.json")],
    ["naming a folder", (root: string) => root],
  ] as const) {
    it(`an --output ${name} is a one-line usage error, exit 2`, async () => {
      const root = folder();
      const io = captureIo();
      // Neither the plan nor the data exists: the --output error comes first, as nothing is read.
      const code = await main(["node", "zz-plan", "check", join(root, "missing.csv"), "--plan", join(root, "missing.yaml"), "--format", "json", "--output", output(root)], io);
      expect(code).toBe(2);
      expect(io.err().trim().split("\n")).toEqual([expect.stringContaining("--output")]);
      expect(io.err()).not.toContain("internal error");
    });
  }

  it("applies to validate and completeness too", async () => {
    const root = folder();
    for (const command of [["validate", "--format", "json"], ["completeness"]]) {
      const io = captureIo();
      const code = await main(["node", "zz-plan", command[0]!, join(root, "missing.csv"), ...command.slice(1), "--output", join(root, "nope", "r.json")], io);
      expect(code).toBe(2);
      expect(io.err()).toMatch(/--output .* does not exist/);
    }
  });
});

describe("signals while a report is being made (#11)", { timeout: 60_000 }, () => {
  it("SIGINT and SIGTERM leave the complete report or nothing, no temporary file, and exit 130 or 143", async () => {
    const root = folder();
    // Big enough that the run is still reading when the signal comes on most machines; the
    // assertions hold whenever it comes.
    const rows = Array.from({ length: 40_000 }, (_, index) => `dust-fall,全市,${2023 + (index % 3)}-${String((index % 12) + 1).padStart(2, "0")},${(index % 90) / 10 + 1}`);
    writeFileSync(join(root, "big.csv"), `indicator,area,period,value\n${rows.join("\n")}\n`);
    const bin = join(import.meta.dirname, "..", "..", "bin", "zz-plan.js");
    const outcomes = await Promise.all(
      (["SIGINT", "SIGTERM"] as const).map(async (signal) => {
        const out = join(root, signal);
        mkdirSync(out);
        const child = spawn(process.execPath, [bin, "check", join(root, "big.csv"), "--format", "json", "--output", join(out, "report.json"), "--fail-on", "never"], { stdio: "ignore" });
        await new Promise((resolve) => setTimeout(resolve, 400));
        child.kill(signal);
        const ended = await new Promise<{ code: number | null; killedBy: string | null }>((resolve) => child.on("exit", (code, killedBy) => resolve({ code, killedBy })));
        return { signal, ...ended, files: readdirSync(out), out };
      }),
    );
    for (const { signal, code, killedBy, files, out } of outcomes) {
      expect(files.filter((name) => name !== "report.json"), signal).toEqual([]);
      if (files.includes("report.json")) expect(JSON.parse(readFileSync(join(out, "report.json"), "utf8")).command).toBe("check");
      // Done before the signal (0), stopped by it (130, 143), or killed before Node ran any code.
      if (killedBy === null) expect([0, signal === "SIGINT" ? 130 : 143], signal).toContain(code);
      else expect(killedBy).toBe(signal);
    }
  });
});
