import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const src = join(import.meta.dirname, "..", "src");

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(folder, entry.name)) : entry.name.endsWith(".ts") ? [join(folder, entry.name)] : [],
  );
}

const files = sourceFiles(src).map((path) => ({ path: relative(src, path), text: readFileSync(path, "utf8") }));
const imports = (text: string) => [...text.matchAll(/^import[^;]*?from\s+"([^"]+)"/gms)].map((match) => match[1]!);

describe("architecture", () => {
  it("keeps the core pure: only src/cli touches process, the console or the file system", () => {
    for (const file of files.filter((candidate) => !candidate.path.startsWith("cli/"))) {
      expect(file.text, file.path).not.toMatch(/\bprocess\.|\bconsole\.|Date\.now\(|new Date\(\)/);
      for (const specifier of imports(file.text)) expect(specifier, file.path).not.toMatch(/^node:(fs|child_process|process)/);
    }
  });

  it("lets nothing import from src/cli", () => {
    for (const file of files.filter((candidate) => !candidate.path.startsWith("cli/"))) {
      for (const specifier of imports(file.text)) expect(specifier, file.path).not.toMatch(/\/cli\//);
    }
  });

  it("keeps terminal styling in src/report", () => {
    for (const file of files.filter((candidate) => !candidate.path.startsWith("report/"))) {
      for (const specifier of imports(file.text)) expect(specifier, file.path).not.toMatch(/^(chalk|cli-table3)$/);
    }
  });
});

describe("start-up", () => {
  it("keeps what --version and --help load free of the plan schema, the readers and the formatters", () => {
    const light = ["cli/main.ts", "cli/options.ts", "cli/diagnostics.ts", "report/escape.ts", "kinds/names.ts", "report/formats.ts", "vocabulary/rulesets.ts", "vocabulary/issues.ts"];
    for (const path of light) {
      const file = files.find((candidate) => candidate.path === path)!;
      const values = [...file.text.matchAll(/^import (?!type )[^;]*?from\s+"([^"]+)"/gms)].map((match) => match[1]!);
      for (const specifier of values) {
        const target = specifier.startsWith(".") ? relative(src, join(src, path, "..", specifier)).replace(/\.js$/, ".ts") : specifier;
        expect(light.includes(target) || ["commander", "node:url"].includes(target), `${path} imports ${specifier}`).toBe(true);
      }
    }
  });
});
