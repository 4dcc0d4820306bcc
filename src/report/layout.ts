import stringWidth from "string-width";

/**
 * Text laid out on a terminal's cell grid: widths are display widths (a Chinese character takes two
 * cells, an ANSI colour code none), so Chinese and English columns line up and no line is longer
 * than the terminal.
 */
export function displayWidth(text: string): number {
  // string-width segments every string into graphemes: a report asks for the same few thousand
  // short texts over and over (single Chinese characters while wrapping), and for plain ASCII the
  // answer is the length. Both shortcuts give string-width's own answer.
  if (printableAscii.test(text)) return text.length;
  if (asciiAndChinese.test(text)) {
    // Every character here is one cell, or two when it is a Chinese character or punctuation.
    let width = text.length;
    for (let index = 0; index < text.length; index += 1) if (text.charCodeAt(index) > 0x7e) width += 1;
    return width;
  }
  let width = knownWidths.get(text);
  if (width === undefined) {
    width = stringWidth(text);
    if (knownWidths.size < 20_000) knownWidths.set(text, width);
  }
  return width;
}

const printableAscii = /^[\x20-\x7e]*$/;
/** Printable ASCII, CJK unified ideographs, 、。〃〄々〆〇〈〉《》「」『』【】 and the fullwidth forms of ASCII: East Asian Width narrow, wide or fullwidth, never marks or emoji. */
const asciiAndChinese = /^[\x20-\x7e\u4e00-\u9fff\u3001-\u3011\uff01-\uff5e]*$/;
const knownWidths = new Map<string, number>();

const segmenter = new Intl.Segmenter("zh", { granularity: "grapheme" });

/** Runs that may not be split: a word of Latin letters or digits, a space, or one wide character. */
function tokens(text: string): string[] {
  const out: string[] = [];
  let word = "";
  for (const { segment } of segmenter.segment(text)) {
    const breakable = segment !== "）" && (segment === " " || displayWidth(segment) !== 1 || /[、，。；：（]/.test(segment));
    const closes = /[/,;)\]）、，。；：！？]/.test(segment) || (/[.:!?]/.test(segment) && /[)\]]$/.test(out.at(-1) ?? ""));
    if (closes && !word && out.length > 0 && out.at(-1) !== " ") {
      // Closing punctuation stays with what it closes: "微克/", "(a).", "（需3年）" and "达标。" never start a line.
      out[out.length - 1] += segment;
    } else if (breakable) {
      if (word) out.push(word);
      word = "";
      out.push(segment);
    } else {
      word += segment;
      // Break after punctuation that ends a phrase, so long paths and lists can wrap, and after the
      // hyphen of a compound word ("domestic-sewage"), never inside a number or date ("-4.82", "2025-12-31").
      if (/[,;/)\]）]/.test(segment) || (segment === "-" && /^[A-Za-z]{2,}-$/.test(word))) {
        out.push(word);
        word = "";
      }
    }
  }
  if (word) out.push(word);
  return out;
}

/** Hard-split a token wider than width, by grapheme. */
function split(token: string, width: number): string[] {
  const parts: string[] = [];
  let part = "";
  for (const { segment } of segmenter.segment(token)) {
    if (part && displayWidth(part + segment) > width) {
      parts.push(part);
      part = "";
    }
    part += segment;
  }
  if (part) parts.push(part);
  return parts;
}

/** The text cut to at most width cells, with an ellipsis where it was cut (by grapheme). */
export function truncate(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  let out = "";
  for (const { segment } of segmenter.segment(text)) {
    if (displayWidth(`${out}${segment}…`) > width) break;
    out += segment;
  }
  return `${out}…`;
}

/** Lines of at most width cells: breaks at spaces and between Chinese characters, words kept whole where they fit. */
export function wrapText(text: string, width: number): string[] {
  const limit = Math.max(1, width);
  const lines: string[] = [];
  for (const paragraph of text.split("\n")) {
    let line = "";
    // Tokens are whole graphemes, so a line's width is the sum of its tokens' widths: measuring the
    // growing line again for every token made long cells quadratic.
    let lineWidth = 0;
    for (const token of tokens(paragraph)) {
      const tokenWidth = displayWidth(token);
      if (lineWidth + tokenWidth <= limit) {
        line += token;
        lineWidth += tokenWidth;
        continue;
      }
      if (token === " ") {
        lines.push(line.trimEnd());
        line = "";
        lineWidth = 0;
        continue;
      }
      if (line.trim()) lines.push(line.trimEnd());
      const pieces = tokenWidth > limit ? split(token, limit) : [token];
      lines.push(...pieces.slice(0, -1));
      line = pieces.at(-1) ?? "";
      lineWidth = displayWidth(line);
    }
    lines.push(line.trimEnd());
  }
  return lines;
}

export function padEnd(text: string, width: number): string {
  return text + " ".repeat(Math.max(0, width - displayWidth(text)));
}

export function padStart(text: string, width: number): string {
  return " ".repeat(Math.max(0, width - displayWidth(text))) + text;
}

/** A cell: its text and, optionally, how each of its lines is painted (colour added after wrapping). */
export interface Cell {
  text: string;
  paint?: (line: string) => string;
}

export interface GridColumn {
  header: string;
  align?: "left" | "right";
  /** Never narrower than this (default: the widest word, at most 12). */
  min?: number;
  /** Long running text: shrinks first, down to a comfortable reading width, before other columns do. */
  prose?: boolean;
}

export interface GridOptions {
  /** The widest a line may be; Infinity for no limit. */
  width: number;
  /** Paint for borders and headers. */
  dim?: (text: string) => string;
  bold?: (text: string) => string;
  /** Spaces either side of a cell's text (default 1). */
  padding?: number;
}

/** Prose columns give way first, but not below this many cells. */
const proseWidth = 24;

const border = { h: "─", v: "│", tl: "┌", tm: "┬", tr: "┐", ml: "├", mm: "┼", mr: "┤", bl: "└", bm: "┴", br: "┘" };

/**
 * A boxed table that fits options.width: columns start at their natural width, and the widest
 * shrink (their text wrapping within the cell) until the table fits.
 */
export function renderGrid(columns: readonly GridColumn[], rows: readonly (readonly (Cell | string)[])[], options: GridOptions): string {
  const dim = options.dim ?? ((text: string) => text);
  const bold = options.bold ?? ((text: string) => text);
  const cells = rows.map((row) => columns.map((_, index) => normalise(row[index])));
  const natural = columns.map((column, index) => Math.max(displayWidth(column.header), ...cells.map((row) => maxLineWidth(row[index]!.text)), 1));
  const padding = options.padding ?? 1;
  const overhead = columns.length * (1 + 2 * padding) + 1;
  const budget = options.width - overhead;
  // Words longer than a fair share of the width may be split, so that many columns still fit.
  const wordCap = Math.min(12, Math.max(4, Math.floor(budget / columns.length)));
  const floor = columns.map((column, index) =>
    Math.min(natural[index]!, column.min ?? Math.min(wordCap, Math.max(displayWidth(column.header), ...cells.map((row) => longestWord(row[index]!.text))))),
  );
  const widths = [...natural];
  // Each column costs its width plus one space either side and one border.
  const space = " ".repeat(padding);
  let total = widths.reduce((sum, width) => sum + width, 0);
  const comfortable = columns.map((column, index) => (column.prose ? Math.max(floor[index]!, Math.min(natural[index]!, proseWidth)) : natural[index]!));
  for (const limit of [comfortable, floor]) {
    while (total > budget) {
      let widest = -1;
      for (let index = 0; index < widths.length; index += 1) {
        if (widths[index]! > limit[index]! && (widest < 0 || widths[index]! > widths[widest]!)) widest = index;
      }
      if (widest < 0) break;
      widths[widest]! -= 1;
      total -= 1;
    }
  }
  const line = (left: string, middle: string, right: string) => dim(left + widths.map((width) => border.h.repeat(width + 2 * padding)).join(middle) + right);
  const out = [line(border.tl, border.tm, border.tr)];
  const renderRow = (row: Cell[], paintHeader: boolean) => {
    const wrapped = row.map((cell, index) => wrapText(cell.text, widths[index]!));
    const height = Math.max(...wrapped.map((lines) => lines.length));
    for (let lineIndex = 0; lineIndex < height; lineIndex += 1) {
      const parts = row.map((cell, index) => {
        const text = wrapped[index]![lineIndex] ?? "";
        const padded = columns[index]!.align === "right" ? padStart(text, widths[index]!) : padEnd(text, widths[index]!);
        const painted = paintHeader ? bold(padded) : cell.paint && text ? cell.paint(padded) : padded;
        return space + painted + space;
      });
      out.push(dim(border.v) + parts.join(dim(border.v)) + dim(border.v));
    }
  };
  renderRow(
    columns.map((column) => ({ text: column.header })),
    true,
  );
  out.push(line(border.ml, border.mm, border.mr));
  for (const row of cells) renderRow(row, false);
  out.push(line(border.bl, border.bm, border.br));
  return out.join("\n");
}

function normalise(cell: Cell | string | undefined): Cell {
  if (cell === undefined) return { text: "" };
  return typeof cell === "string" ? { text: cell } : cell;
}

function maxLineWidth(text: string): number {
  return Math.max(0, ...text.split("\n").map(displayWidth));
}

function longestWord(text: string): number {
  return Math.max(0, ...tokens(text).map(displayWidth));
}

/** Plain lines wrapped to width, each continuation line indented. */
export function wrapLines(text: string, width: number, indent = 2): string {
  return wrapText(text, Math.max(1, width - indent))
    .map((line, index) => (index === 0 ? line : " ".repeat(indent) + line))
    .join("\n");
}
