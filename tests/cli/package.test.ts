import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, renameSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const repo = join(import.meta.dirname, "..", "..");
const manifest = JSON.parse(readFileSync(join(repo, "package.json"), "utf8")) as { version: string; dependencies: Record<string, string> };

/** The largest tarball we accept; README states the measured size. */
const maxTarballBytes = 350_000;

interface PackResult {
  filename: string;
  size: number;
  unpackedSize: number;
  files: { path: string }[];
}

/**
 * The package as npm publishes it (npm pack; dist/ was built by the test script), unpacked where
 * npm install would put it, beside the production dependencies only: no devDependency, no source,
 * no build step. Offline: the dependencies are the repository's own node_modules, linked.
 */
function installPackedCopy(): { folder: string; pack: PackResult; bin: string } {
  const folder = mkdtempSync(join(tmpdir(), "zz-pack-"));
  const [pack] = JSON.parse(execFileSync("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", folder], { cwd: repo, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] })) as PackResult[];
  const modules = join(folder, "app", "node_modules");
  mkdirSync(modules, { recursive: true });
  execFileSync("tar", ["xzf", join(folder, pack!.filename), "-C", modules]);
  renameSync(join(modules, "package"), join(modules, "zz-plan"));
  const lock = JSON.parse(readFileSync(join(repo, "package-lock.json"), "utf8")) as { packages: Record<string, { dev?: boolean }> };
  for (const [path, entry] of Object.entries(lock.packages)) {
    const name = path.match(/^node_modules\/((?:@[^/]+\/)?[^/]+)$/)?.[1];
    if (!name || entry.dev) continue;
    if (name.startsWith("@")) mkdirSync(join(modules, name.split("/")[0]!), { recursive: true });
    symlinkSync(join(repo, "node_modules", name), join(modules, name), "dir");
  }
  return { folder, pack: pack!, bin: join(modules, "zz-plan", "bin", "zz-plan.js") };
}

describe("the npm package", { timeout: 60_000 }, () => {
  it("holds the prebuilt CLI, the plan and the schema, nothing else, in a small tarball", () => {
    const { pack, folder, bin } = installPackedCopy();
    const paths = pack.files.map((file) => file.path);
    for (const needed of ["bin/zz-plan.js", "dist/cli/bin.js", "dist/plan/compiled-plans.json", "plan/zhengzhou-2023-2025.yaml", "report.schema.json", "README.md", "package.json"]) expect(paths).toContain(needed);
    expect(paths.filter((path) => /\.map$|\.d\.ts$|^src\/|^tests\/|^fixtures\//.test(path))).toEqual([]);
    expect(pack.size).toBeLessThan(maxTarballBytes);
    const packed = JSON.parse(readFileSync(join(folder, "app", "node_modules", "zz-plan", "package.json"), "utf8")) as { scripts: Record<string, string> };
    // An install runs none of these, so it needs neither TypeScript nor any devDependency.
    for (const hook of ["preinstall", "install", "postinstall", "prepare"]) expect(packed.scripts[hook], hook).toBeUndefined();

    const version = spawnSync(process.execPath, [bin, "--version"], { encoding: "utf8" });
    expect(version.stdout.trim()).toBe(manifest.version);
    expect(version.stderr).toBe("");

    const fixtures = join(repo, "tests", "fixtures-diff");
    const check = spawnSync(process.execPath, [bin, "check", join(fixtures, "current.csv"), "--plan", join(fixtures, "plan.yaml"), "-f", "json", "--fail-on", "never"], { encoding: "utf8" });
    expect(check.status, check.stderr).toBe(3);
    const report = JSON.parse(check.stdout) as { tool: { version: string }; results: unknown[] };
    expect(report.tool.version).toBe(manifest.version);
    expect(report.results.length).toBeGreaterThan(0);

    const bundled = spawnSync(process.execPath, [bin, "template", "--area", "巩义市", "--period", "2025-10", "--format", "xlsx", "-o", join(folder, "t.xlsx")], { encoding: "utf8" });
    expect(bundled.status, bundled.stderr).toBe(0);
  });
});
