#!/usr/bin/env node
import module from "node:module";

module.enableCompileCache?.();
const { runFromProcess } = await import("../dist/cli/bin.js");
await runFromProcess();
