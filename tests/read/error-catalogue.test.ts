import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { errorCatalogue, issue } from "../../src/vocabulary/catalogue.js";

const srcDir = fileURLToPath(new URL("../../src/", import.meta.url));

/** A kebab-case string literal: every issue code has this shape, and few other literals in code positions do. */
const kebabLiteral = /"([a-z][a-z0-9]*(?:-[a-z0-9]+)+)"/g;

/**
 * The places in source where an issue code is written: `code: …` (ternaries included),
 * `code === "…"`, the first argument of the helpers that take a code, and ZzError constructors.
 */
const codePositions = [
  /\bcode\s*:\s*([^,\n}]*)/g,
  /\bcode\s*[!=]==\s*("[^"\n]*")/g,
  /\b(?:reject|problem|recordProblem|fail|fileIssue|issue)\(\s*([^,\n]*)/g,
  /\bnew\s+(?:ZzError|UsageError|PlanError)\(\s*([^,\n]*)/g,
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts") && path !== join(srcDir, "error-catalogue.ts") ? [path] : [];
  });
}

/** Every code the source tree emits, with the files that emit it. */
function emittedCodes(): Map<string, Set<string>> {
  const found = new Map<string, Set<string>>();
  for (const file of sourceFiles(srcDir)) {
    const text = readFileSync(file, "utf8");
    for (const pattern of codePositions) {
      for (const match of text.matchAll(pattern)) {
        for (const literal of (match[1] ?? "").matchAll(kebabLiteral)) {
          const code = literal[1]!;
          if (!found.has(code)) found.set(code, new Set());
          found.get(code)!.add(relative(srcDir, file));
        }
      }
    }
  }
  return found;
}

describe("error catalogue", () => {
  const emitted = emittedCodes();
  const catalogued = new Set<string>(errorCatalogue.map((entry) => entry.code));

  it("finds codes written in each of the ways the source writes them", () => {
    // If one of these goes missing, the extractor has stopped seeing a whole kind of code.
    for (const code of ["after-as-of", "file-not-found", "csv-ragged-row", "json-syntax", "unknown-area", "plan-unreadable", "bad-argument", "plan-duplicate-key"]) {
      expect(emitted.has(code), code).toBe(true);
    }
    expect(emitted.size).toBeGreaterThan(60);
  });

  it("has an entry for every code the source emits", () => {
    const missing = [...emitted].filter(([code]) => !catalogued.has(code)).map(([code, files]) => `${code} (${[...files].join(", ")})`);
    expect(missing, "add these to src/error-catalogue.ts").toEqual([]);
  });

  it("has no entry for a code the source no longer emits", () => {
    const stale = [...catalogued].filter((code) => !emitted.has(code));
    expect(stale, "remove these from src/error-catalogue.ts, or emit them").toEqual([]);
  });

  it("lists each code once, in kebab case, with Chinese, English and an example", () => {
    const codes = errorCatalogue.map((entry) => entry.code);
    expect(codes.filter((code, index) => codes.indexOf(code) !== index)).toEqual([]);
    for (const entry of errorCatalogue) {
      expect(entry.code).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)+$/);
      expect(entry.zh, entry.code).toMatch(/[\u4e00-\u9fff]/);
      expect(entry.en, entry.code).toMatch(/^[A-Z].*\.$/);
      expect(entry.example.trim(), entry.code).not.toBe("");
    }
  });

  it("states each code's severity, and a code that rejects a row is an error", () => {
    for (const entry of errorCatalogue) {
      expect(["error", "warning"], entry.code).toContain(entry.severity);
      if ("rejectsRow" in entry) expect(entry.severity, entry.code).toBe("error");
    }
  });

  it("gives an error's severity to every code a ZzError is thrown with (a ZzError stops the run)", () => {
    const thrown = new Set<string>();
    for (const file of sourceFiles(srcDir)) {
      for (const match of readFileSync(file, "utf8").matchAll(/\bnew\s+(?:ZzError|UsageError)\(\s*"([a-z0-9-]+)"/g)) thrown.add(match[1]!);
    }
    expect(thrown.size).toBeGreaterThan(3);
    for (const code of thrown) expect(errorCatalogue.find((entry) => entry.code === code)?.severity, code).toBe("error");
  });

  it("makes issues with the catalogue's severity, leaving out a location or hint not given", () => {
    expect(issue("no-data-rows", "the file holds no data rows")).toStrictEqual({ code: "no-data-rows", severity: "warning", message: "the file holds no data rows" });
    expect(issue("csv-ragged-row", "3 fields, 4 expected", { location: { file: "a.csv", line: 2 }, hint: "" })).toStrictEqual({
      code: "csv-ragged-row",
      severity: "error",
      message: "3 fields, 4 expected",
      location: { file: "a.csv", line: 2 },
    });
  });
});
