// Preloaded into a measured child process (node --import ./bench/peak-rss.mjs ...): when the child
// exits, its peak resident memory in kB is written to the file named by PEAK_RSS_FILE.
import { writeFileSync } from "node:fs";

const target = process.env.PEAK_RSS_FILE;
if (target) process.on("exit", () => writeFileSync(target, String(process.resourceUsage().maxRSS)));
