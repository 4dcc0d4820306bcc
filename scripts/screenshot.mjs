// Writes docs/html-report.png, the README's picture of the HTML report: the sample data's brief
// in Chinese, as headless Chromium shows its first screen. Needs a build (npm run build) and
// Chromium (CHROMIUM=/path, default /usr/bin/chromium); fonts-noto-cjk for the Chinese glyphs.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";

const root = new URL("..", import.meta.url).pathname;
const folder = mkdtempSync(join(tmpdir(), "zz-plan-screenshot-"));
try {
  const report = join(folder, "report.html");
  execFileSync(process.execPath, [join(root, "bin/zz-plan.js"), "check", join(root, "fixtures"), "--as-of", "2025-09-30", "--lang", process.env.LANGUAGE_SHOWN ?? "zh", "--format", "html", "--output", report, "--fail-on", "never", "--quiet"], { stdio: ["ignore", "ignore", "inherit"] });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium" });
  try {
    const page = await browser.newPage({ viewport: { width: 900, height: 1400 } });
    await page.goto(`file://${report}`);
    const out = join(root, "docs/html-report.png");
    await page.screenshot({ path: out });
    console.log(`wrote ${out}`);
  } finally {
    await browser.close();
  }
} finally {
  rmSync(folder, { recursive: true, force: true });
}
