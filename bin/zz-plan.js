#!/usr/bin/env node
import { existsSync } from "node:fs";
import module from "node:module";
import { fileURLToPath } from "node:url";

// The package ships dist/ prebuilt (built by prepack) and has no install script. A fresh checkout
// has no dist/ until `npm test` or `npm run build`: build it once here, so `npm ci && npx zz-plan`
// works in the repository too. The build's output goes to stderr; stdout stays the report's.
const root = fileURLToPath(new URL("..", import.meta.url));
if (!existsSync(new URL("../dist/cli/bin.js", import.meta.url)) && existsSync(new URL("../src/cli/bin.ts", import.meta.url))) {
  process.stderr.write("zz-plan: first run in a checkout: building dist/ (npm run build)\n");
  const { execFileSync } = await import("node:child_process");
  execFileSync("npm", ["run", "--silent", "build"], { cwd: root, stdio: ["ignore", 2, 2], shell: process.platform === "win32" });
}
module.enableCompileCache?.();
const { runFromProcess } = await import("../dist/cli/bin.js");
await runFromProcess();
