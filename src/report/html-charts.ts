import type { Status } from "../engine/types.js";
import { formatNumber } from "../vocabulary/units.js";
import { axisRange } from "./charts.js";
import { html } from "./escape.js";
import { displayWidth, truncate } from "./layout.js";

/**
 * The HTML report's three chart types, drawn as inline SVG strings: a line chart (a trajectory
 * against its path and target), horizontal bars (areas against a target) and a heat map (area x
 * task). Drawn here rather than with a chart library because three fixed chart types take a few
 * dozen lines each, need no DOM (the libraries that render SVG in Node pull in a DOM shim), and
 * every label passes through the one HTML escaper. Every number and label is given by the caller.
 */

/** One colour per status, readable on white and in greyscale print (each status also has a glyph). */
export const statusColour: Record<Status, string> = { fail: "#cf222e", "at-risk": "#e16f24", "no-data": "#8c959f", "on-track": "#218bff", pass: "#1a7f37" };

/** The widest drawing: about A4's text width at 96 px to the inch, so print does not shrink the text. */
const chartWidth = 680;
const fontSize = 12;
/** About how wide one display column (half a CJK character) is drawn: labels are sized by display width. */
const unitWidth = fontSize * 0.6;
/** Row labels longer than this many display columns are cut with an ellipsis (the full name is in the tooltip and tables). */
const maxLabelUnits = 34;

export interface LineSeries {
  name: string;
  kind: "value" | "path" | "required";
  /** One value per label; undefined where the series has none. */
  values: readonly (number | undefined)[];
}

export interface LineChart {
  /** Read by screen readers and shown as the tooltip. */
  title: string;
  unit: string;
  /** x-axis categories, evenly spaced (months: 2025-06). */
  labels: readonly string[];
  lines: readonly LineSeries[];
  /** A shaded range (the projection's 10th to 90th percentiles). */
  band?: { name: string; low: readonly (number | undefined)[]; high: readonly (number | undefined)[] };
  target?: { name: string; value: number };
}

const lineStyle: Record<LineSeries["kind"], string> = {
  value: `stroke="#0969da" stroke-width="2.2" fill="none"`,
  path: `stroke="#57606a" stroke-width="1.6" stroke-dasharray="6 4" fill="none"`,
  required: `stroke="#bf8700" stroke-width="2" stroke-dasharray="2 3" fill="none"`,
};

/** The legend's sample stroke for a series, so the HTML legend matches the drawing. */
export function legendSwatch(kind: LineSeries["kind"] | "target" | "band"): string {
  const style = kind === "target" ? `stroke="${statusColour.fail}" stroke-width="1.4" stroke-dasharray="1 3" fill="none"` : kind === "band" ? "" : lineStyle[kind];
  const shape = kind === "band" ? `<rect x="0" y="3" width="28" height="8" fill="#0969da" fill-opacity="0.15"/>` : `<path d="M0 7H28" ${style}/>`;
  return `<svg class="swatch" width="28" height="14" viewBox="0 0 28 14" aria-hidden="true">${shape}</svg>`;
}

export function lineChartSvg(chart: LineChart): string {
  const height = 260;
  const left = 52;
  // Room for the last month's label, centred on the right edge of the plot.
  const right = 26;
  const top = 24;
  const bottom = 40;
  const numbers = [...chart.lines.flatMap((line) => line.values), ...(chart.band ? [...chart.band.low, ...chart.band.high] : []), ...(chart.target ? [chart.target.value] : [])].filter((value): value is number => value !== undefined && Number.isFinite(value));
  if (numbers.length === 0 || chart.labels.length === 0) return "";
  const range = axisRange(numbers);
  const plotWidth = chartWidth - left - right;
  const plotHeight = height - top - bottom;
  const step = chart.labels.length > 1 ? plotWidth / (chart.labels.length - 1) : 0;
  const x = (index: number) => round(left + (chart.labels.length > 1 ? index * step : plotWidth / 2));
  const y = (value: number) => round(top + plotHeight - ((value - range.min) / (range.max - range.min || 1)) * plotHeight);
  const out: string[] = [];
  for (const tick of ticks(range.min, range.max)) {
    out.push(`<path d="M${left} ${y(tick)}H${chartWidth - right}" stroke="#d0d7de" stroke-width="1"/>`);
    out.push(`<text x="${left - 6}" y="${y(tick) + 4}" text-anchor="end">${html(formatNumber(tick))}</text>`);
  }
  out.push(`<text x="0" y="${top - 12}" class="unit">${html(chart.unit)}</text>`);
  // Month labels: as many as fit without touching, always the first and the last.
  const labelWidth = Math.max(...chart.labels.map((label) => displayWidth(label))) * unitWidth + 8;
  const every = Math.max(1, Math.ceil(labelWidth / Math.max(step, 1)));
  chart.labels.forEach((label, index) => {
    const last = index === chart.labels.length - 1;
    if (index % every !== 0 && !last) return;
    if (!last && chart.labels.length - 1 - index < every && index !== 0) return;
    out.push(`<path d="M${x(index)} ${top + plotHeight}v4" stroke="#8c959f"/>`);
    out.push(`<text x="${x(index)}" y="${top + plotHeight + 18}" text-anchor="middle">${html(label)}</text>`);
  });
  out.push(`<path d="M${left} ${top + plotHeight}H${chartWidth - right}" stroke="#8c959f"/>`);
  if (chart.band) {
    const indices = chart.labels.map((_, index) => index).filter((index) => chart.band!.low[index] !== undefined && chart.band!.high[index] !== undefined);
    if (indices.length > 0) {
      const upper = indices.map((index) => `${x(index)} ${y(chart.band!.high[index]!)}`);
      const lower = indices.reverse().map((index) => `${x(index)} ${y(chart.band!.low[index]!)}`);
      out.push(`<path class="band" d="M${[...upper, ...lower].join("L")}Z" fill="#0969da" fill-opacity="0.15"><title>${html(chart.band.name)}</title></path>`);
    }
  }
  if (chart.target) {
    out.push(`<path class="target" d="M${left} ${y(chart.target.value)}H${chartWidth - right}" stroke="${statusColour.fail}" stroke-width="1.4" stroke-dasharray="1 3"/>`);
  }
  for (const line of chart.lines) {
    // A value line breaks where a month is missing; the path and the requirement are straight between their points.
    const segments = line.kind === "value" ? runs(line.values) : [line.values.flatMap((value, index) => (value === undefined ? [] : [index]))];
    for (const segment of segments) {
      if (segment.length === 0) continue;
      const d = segment.map((index, at) => `${at === 0 ? "M" : "L"}${x(index)} ${y(line.values[index]!)}`).join("");
      out.push(`<path class="line-${line.kind}" d="${d}" ${lineStyle[line.kind]}><title>${html(line.name)}</title></path>`);
    }
    if (line.kind === "value") {
      line.values.forEach((value, index) => {
        if (value !== undefined) out.push(`<circle cx="${x(index)}" cy="${y(value)}" r="2.6" fill="#0969da"><title>${html(`${chart.labels[index]}: ${formatNumber(value)} ${chart.unit}`)}</title></circle>`);
      });
    }
  }
  return svg(chartWidth, height, chart.title, out);
}

export interface BarChart {
  title: string;
  unit: string;
  bars: readonly { label: string; value: number; status: Status; note: string }[];
  target: { name: string; value: number };
}

/** Horizontal bars, one per area, coloured by status, with the target as a vertical line. */
export function barChartSvg(chart: BarChart): string {
  if (chart.bars.length === 0) return "";
  const rowHeight = 22;
  const labels = chart.bars.map((bar) => truncate(bar.label, maxLabelUnits));
  const left = Math.max(Math.max(...labels.map((label) => displayWidth(label))) * unitWidth + 12, 60);
  const right = 56;
  const top = 22;
  const height = top + chart.bars.length * rowHeight + 10;
  const range = axisRange([...chart.bars.map((bar) => bar.value), chart.target.value]);
  // Bars start at zero: a bar's length is its value.
  const min = 0;
  const x = (value: number) => round(left + ((value - min) / (range.max - min || 1)) * (chartWidth - left - right));
  const out: string[] = [];
  for (const tick of ticks(min, range.max)) {
    out.push(`<path d="M${x(tick)} ${top - 4}V${height - 10}" stroke="#eaeef2"/>`);
    out.push(`<text x="${x(tick)}" y="${top - 8}" text-anchor="middle">${html(formatNumber(tick))}</text>`);
  }
  chart.bars.forEach((bar, index) => {
    const rowTop = top + index * rowHeight;
    out.push(`<text x="${left - 8}" y="${rowTop + 15}" text-anchor="end">${html(labels[index]!)}</text>`);
    const width = Math.max(1, x(bar.value) - x(min));
    out.push(`<rect x="${x(min)}" y="${rowTop + 4}" width="${round(width)}" height="${rowHeight - 8}" fill="${statusColour[bar.status]}"><title>${html(bar.note)}</title></rect>`);
    out.push(`<text x="${x(bar.value) + 4}" y="${rowTop + 15}">${html(formatNumber(bar.value))}</text>`);
  });
  out.push(`<path class="target" d="M${x(chart.target.value)} ${top - 4}V${height - 6}" stroke="${statusColour.fail}" stroke-width="1.6" stroke-dasharray="3 3"><title>${html(`${chart.target.name} ${formatNumber(chart.target.value)} ${chart.unit}`)}</title></path>`);
  return svg(chartWidth, height, chart.title, out);
}

export interface HeatMap {
  title: string;
  rows: readonly string[];
  columns: readonly string[];
  /** cells[row][column]: a status, or undefined where the task does not apply. */
  cells: readonly (readonly ({ status: Status; glyph: string; note: string } | undefined)[])[];
}

/** Area x task: one square per pair, coloured by status with its glyph, blank where the task does not apply. */
export function heatMapSvg(map: HeatMap): string {
  if (map.rows.length === 0 || map.columns.length === 0) return "";
  const rows = map.rows.map((row) => truncate(row, maxLabelUnits));
  const labelWidth = Math.max(...rows.map((row) => displayWidth(row))) * unitWidth + 12;
  const cell = Math.min(30, Math.floor((chartWidth - labelWidth - 4) / map.columns.length));
  const top = 22;
  const width = round(labelWidth + cell * map.columns.length + 4);
  const height = top + cell * map.rows.length + 4;
  const out: string[] = [];
  map.columns.forEach((column, index) => out.push(`<text x="${round(labelWidth + index * cell + cell / 2)}" y="${top - 7}" text-anchor="middle">${html(column)}</text>`));
  rows.forEach((row, rowIndex) => {
    const y = top + rowIndex * cell;
    out.push(`<text x="${labelWidth - 8}" y="${round(y + cell / 2 + 4)}" text-anchor="end">${html(row)}</text>`);
    map.columns.forEach((_, columnIndex) => {
      const x = round(labelWidth + columnIndex * cell);
      const value = map.cells[rowIndex]?.[columnIndex];
      if (!value) {
        out.push(`<rect x="${x + 1}" y="${y + 1}" width="${cell - 2}" height="${cell - 2}" fill="#f6f8fa"/>`);
        return;
      }
      out.push(`<rect x="${x + 1}" y="${y + 1}" width="${cell - 2}" height="${cell - 2}" rx="3" fill="${statusColour[value.status]}"><title>${html(value.note)}</title></rect>`);
      out.push(`<text x="${round(x + cell / 2)}" y="${round(y + cell / 2 + 4)}" text-anchor="middle" fill="#ffffff" class="glyph">${html(value.glyph)}</text>`);
    });
  });
  return svg(width, height, map.title, out);
}

function svg(width: number, height: number, title: string, body: readonly string[]): string {
  // The width scales down with the page (CSS max-width: 100%), and the viewBox keeps the drawing's proportions.
  return `<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" viewBox="0 0 ${round(width)} ${round(height)}" width="${round(width)}" height="${round(height)}" font-size="${fontSize}"><title>${html(title)}</title>${body.join("")}</svg>`;
}

/** Runs of consecutive indices with a value. */
function runs(values: readonly (number | undefined)[]): number[][] {
  const out: number[][] = [[]];
  values.forEach((value, index) => {
    if (value === undefined) {
      if (out.at(-1)!.length > 0) out.push([]);
    } else out.at(-1)!.push(index);
  });
  return out;
}

/** Four to six round tick values from min to max. */
function ticks(min: number, max: number): number[] {
  const span = max - min || 1;
  const raw = span / 5;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((factor) => factor * magnitude).find((candidate) => span / candidate <= 6)!;
  const out: number[] = [];
  for (let tick = Math.ceil(min / step) * step; tick <= max + step * 1e-9; tick += step) out.push(Number(tick.toFixed(10)));
  return out;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
