import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatHtml } from "../../src/report/html.js";
import { fixtureReport } from "../helpers/report.js";

/**
 * The HTML report as a reader sees it: the sample data's brief opened in headless Chromium
 * (Debian's chromium package; CHROMIUM=/path for another), at A4's text width, printed to PDF.
 * .ci/run installs Chromium, so CI runs this; elsewhere it is skipped and says why.
 */
const executablePath = process.env.CHROMIUM ?? "/usr/bin/chromium";
const hasChromium = existsSync(executablePath);
const why = hasChromium ? "" : ` (skipped: no Chromium at ${executablePath}; apt-get install chromium, or set CHROMIUM)`;

// A4 is 210 mm wide; less the @page side margins (12 mm each) that is 186 mm, about 703 CSS px.
const a4TextWidth = Math.floor((186 / 25.4) * 96);

interface Measured {
  scrollWidth: number;
  clientWidth: number;
  overflowing: string[];
  charts: { width: number; height: number; marks: number }[];
  tables: { rows: number; height: number }[];
  headings: string[];
}

// Runs in the page (as a string: the project's types have no DOM): what a reader would see.
const measure = `(() => {
  const box = (element) => element.getBoundingClientRect();
  const overflowing = [...document.querySelectorAll("table, svg.chart, figure, p, h1, h2, h3")].flatMap((element) => {
    const outer = box(element.parentElement);
    const inner = box(element);
    return inner.left < outer.left - 0.5 || inner.right > outer.right + 0.5 ? [element.tagName + " in " + element.parentElement.tagName + ": " + Math.round(inner.right) + " > " + Math.round(outer.right)] : [];
  });
  return {
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
    overflowing,
    charts: [...document.querySelectorAll("svg.chart")].map((svg) => ({ width: box(svg).width, height: box(svg).height, marks: svg.querySelectorAll("path, rect, circle").length })),
    tables: [...document.querySelectorAll("table")].map((table) => ({ rows: table.querySelectorAll("tbody tr").length, height: box(table).height })),
    headings: [...document.querySelectorAll("h2")].map((heading) => heading.textContent),
  };
})()`;

describe.skipIf(!hasChromium)(`the HTML report in Chromium${why}`, { timeout: 60_000 }, () => {
  let browser: Browser;
  let folder: string;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), "zz-plan-html-"));
    browser = await chromium.launch({ executablePath });
  });

  afterAll(async () => {
    await browser?.close();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  for (const language of ["zh", "en"] as const) {
    it(`renders the charts and tables in ${language}, fits A4, paginates and loads nothing`, async () => {
      const file = join(folder, `report-${language}.html`);
      writeFileSync(file, formatHtml(await fixtureReport(), { color: false, language }));
      const page = await browser.newPage({ viewport: { width: a4TextWidth, height: 1100 } });
      const requests: string[] = [];
      page.on("request", (request) => requests.push(request.url()));
      await page.emulateMedia({ media: "print" });
      await page.goto(pathToFileURL(file).href);
      // Open every fold so the folded tables are measured too.
      await page.evaluate(`document.querySelectorAll("details").forEach((element) => element.setAttribute("open", ""))`);

      const seen = (await page.evaluate(measure)) as Measured;
      expect(seen.scrollWidth).toBeLessThanOrEqual(seen.clientWidth);
      expect(seen.overflowing).toEqual([]);
      // The city's trajectories, the districts' bars and the heat map, each drawn with marks.
      expect(seen.charts.length).toBeGreaterThanOrEqual(7);
      for (const chart of seen.charts) {
        expect(chart.width).toBeGreaterThan(200);
        expect(chart.height).toBeGreaterThan(100);
        expect(chart.marks).toBeGreaterThan(10);
      }
      expect(seen.tables.length).toBeGreaterThanOrEqual(5);
      for (const table of seen.tables) if (table.rows > 0) expect(table.height).toBeGreaterThan(20);
      expect(seen.headings).toEqual(language === "zh" ? ["摘要", "区县记分卡", "需优先处理", "图表"] : ["Summary", "District scorecard", "To act on", "Charts"]);
      expect(requests.filter((url) => !url.startsWith("file:"))).toEqual([]);

      // Print as the reader would: folds closed, as the file opens.
      await page.evaluate(`document.querySelectorAll("details").forEach((element) => element.removeAttribute("open"))`);
      const pdf = await page.pdf({ format: "A4", preferCSSPageSize: true });
      expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
      const pages = pdf.toString("latin1").match(/\/Type\s*\/Page(?!s)/g) ?? [];
      expect(pages.length).toBeGreaterThan(1);

      const screenshot = join(folder, `report-${language}.png`);
      await page.emulateMedia({ media: "screen" });
      await page.screenshot({ path: screenshot });
      expect(statSync(screenshot).size).toBeGreaterThan(10_000);
      expect(readFileSync(screenshot).subarray(1, 4).toString()).toBe("PNG");
      await page.close();
    });
  }
});
