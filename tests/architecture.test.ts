import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
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

/** The layers each layer may import from (besides itself): vocabulary <- plan, read, standards <- kinds <- engine <- report <- cli. */
const allowedLayers: Record<string, readonly string[]> = {
  vocabulary: [],
  plan: ["vocabulary"],
  read: ["vocabulary"],
  standards: ["vocabulary"],
  kinds: ["vocabulary", "plan", "read", "standards"],
  engine: ["vocabulary", "plan", "read", "standards", "kinds"],
  report: ["vocabulary", "plan", "read", "standards", "kinds", "engine"],
  cli: ["vocabulary", "plan", "read", "standards", "kinds", "engine", "report"],
};

describe("layers", () => {
  it("import only from the layers below them", () => {
    for (const file of files) {
      const layer = file.path.split(sep)[0]!;
      const allowed = allowedLayers[layer];
      expect(allowed, `${file.path} is in no known layer`).toBeDefined();
      // Static imports and re-exports, and import("…") of a module loaded only when needed.
      const everyImport = [...file.text.matchAll(/^(?:import|export)[^;]*?from\s+"(\.[^"]+)"|\bimport\("(\.[^"]+)"\)/gms)].map((match) => (match[1] ?? match[2])!);
      for (const specifier of everyImport) {
        const target = relative(src, join(src, file.path, "..", specifier)).split(sep)[0]!;
        if (target === layer) continue;
        expect(allowed, `${file.path} imports ${specifier}`).toContain(target);
      }
    }
  });
});

describe("start-up", () => {
  it("keeps what --version and --help load free of the plan schema, the readers and the formatters", () => {
    const light = ["cli/main.ts", "cli/options.ts", "cli/diagnostics.ts", "report/escape.ts", "kinds/names.ts", "report/formats.ts", "report/exit-codes.ts", "report/tool.ts", "vocabulary/rulesets.ts", "vocabulary/issues.ts", "vocabulary/order.ts", "vocabulary/language.ts"];
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
