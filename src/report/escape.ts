/**
 * One escaping function per output language. Text that comes from data files, file names or a
 * plan passes through exactly one of them where a formatter writes it, so that nothing in a file
 * can move a terminal's cursor, hide or reorder what a reader sees (bidi overrides, "Trojan
 * Source"), break a report's structure (a table cell, a code fence, a heading) or put live HTML
 * or links into it.
 *
 *   terminal(text)            terminal text and stderr diagnostics: one line, no control characters
 *   markdown(text)            markdown inline text: paragraphs, headings, table cells
 *   markdownCode(text, where) a markdown code span (`where` says whether it sits in a table cell)
 *   markdownCodeBlock(lines)  a fenced markdown code block; each line stays one line
 *   html(text)                HTML text and quoted attribute values (never a URL, script or style)
 *   csvField(text)            one CSV field for Excel and WPS (quoted as needed, formulas neutralised)
 *   csvText(rows)             a whole CSV file of such fields, with a BOM and CRLF
 *   jsonText(value, space)    JSON.stringify that also writes C1, bidi and separator characters as \u escapes
 *   workflowData(text)        GitHub Actions workflow-command data (after the second "::")
 *   workflowProperty(text)    GitHub Actions workflow-command property values (file=, title=)
 *
 * Every function but jsonText shows the invisible characters in a visible, reversible-looking form
 * (`\x1B`, `\n`, `\u202E`); JSON keeps the exact text (as escapes) because programs read it.
 */

/**
 * Characters a reader cannot see but a terminal, editor or browser acts on: C0 controls (tab and
 * line breaks too, so a diagnostic or a table cell stays one line), DEL, C1 controls
 * (U+0080-U+009F: U+009B is CSI to many terminals), the bidi controls (U+061C, U+200E, U+200F,
 * U+202A-U+202E, U+2066-U+2069), the zero-width characters (U+200B-U+200D, U+2060-U+2064,
 * U+FEFF) that make two names look alike, the line and paragraph separators, the tag characters
 * U+E0000-U+E007F (invisible text an AI or a reader may still act on), and lone surrogate halves
 * (which cannot be written as UTF-8 at all).
 */
const invisible = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]|\udb40[\udc00-\udc7f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const named: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

function shown(char: string): string {
  const known = named[char];
  if (known) return known;
  // A tag character is one code point in two UTF-16 units; a lone surrogate is one unit.
  const code = char.length === 2 ? char.codePointAt(0)! : char.charCodeAt(0);
  const hex = code.toString(16).toUpperCase();
  return code <= 0xff ? `\\x${hex.padStart(2, "0")}` : code > 0xffff ? `\\u{${hex}}` : `\\u${hex.padStart(4, "0")}`;
}

/** Terminal text and one-line diagnostics: every invisible character shown as an escape. */
export function terminal(text: string): string {
  return text.replace(invisible, shown);
}

// Backslash-escaped wherever they stand: inline syntax (code, emphasis, links and images, raw
// HTML and autolinks, entities, strikethrough, GitHub math, mentions), table cells and headings.
// Any ASCII punctuation may be escaped in CommonMark, and the escape renders as the character.
// "<" and "&" only open HTML, autolinks and entities before a letter (or / ! ? #), so "<= 7"
// stays as it is; at the very end they are escaped, whatever the formatter writes next.
const markdownPunctuation = /[\\`*_[\]|~#$@]|<(?=[A-Za-z/!?]|$)|&(?=[A-Za-z#]|$)/g;
// GitHub makes links of bare URLs, www. names and e-mail addresses (the "@" above); a data
// string must not become a live link, so break the scheme's ":" and the "www.".
const autolinkStart = /(https?|mailto|xmpp)(?=:)|www(?=\.)/gi;
// Block syntax only counts at the start of a line: list items, setext underlines, quotes,
// ordered lists.
const leadingBlockMarker = /^( *)([-+](?=[-+ ]|$)|[=>]|\d{1,9}[.)](?=[ ]|$))/;

/**
 * Markdown inline text (CommonMark and GitHub): renders as exactly the text given (invisible
 * characters shown as escapes), wherever it is put on a line: in a paragraph, a heading or a table
 * cell. It cannot end a table cell, open or close a code span or fence, start a heading, list or
 * quote, or make a link, an image, raw HTML or an HTML comment.
 */
export function markdown(text: string): string {
  const escaped = terminal(text)
    .replace(markdownPunctuation, "\\$&")
    .replace(autolinkStart, "$&\\")
    .replace(leadingBlockMarker, (_, spaces: string, marker: string) => `${spaces}${marker.slice(0, -1)}\\${marker.slice(-1)}`);
  // Markdown strips a line's or a cell's outer spaces, and four leading spaces start a code block;
  // an entity keeps the outermost ones as text.
  return escaped.replace(/^ /, "&#32;").replace(/ $/, "&#32;");
}

/**
 * A markdown code span holding exactly the text given (invisible characters shown as escapes).
 * In a table cell (`where: "table-cell"`) a pipe must be written `\|` even inside code, so say so.
 */
export function markdownCode(text: string, where: "inline" | "table-cell" = "inline"): string {
  let content = terminal(text);
  if (where === "table-cell") {
    // A table reads "\\|" as an escaped backslash and a cell border, and a code span has no
    // escapes, so a backslash before a pipe cannot be code there: write it as plain text.
    if (content.includes("\\|")) return markdown(text);
    content = content.replace(/\|/g, "\\|");
  }
  const longestRun = Math.max(0, ...(content.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longestRun + 1);
  // A span's content loses one space at each end when it has one at both ends, and a backtick at
  // an end would join the fence: pad with a space on each side in those cases.
  const pad = content.startsWith("`") || content.endsWith("`") || (content.startsWith(" ") && content.endsWith(" ") && content.trim() !== "") ? " " : "";
  return content === "" ? "` `" : `${fence}${pad}${content}${pad}${fence}`;
}

/**
 * A fenced markdown code block: each line shown as one line (invisible characters as escapes),
 * inside a fence longer than any run of backticks in the lines, so no line can close it.
 */
export function markdownCodeBlock(lines: readonly string[], info = "text"): string {
  const shownLines = lines.map(terminal);
  const longestRun = Math.max(2, ...shownLines.flatMap((line) => line.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longestRun + 1);
  return [`${fence}${info}`, ...shownLines, fence].join("\n");
}

const htmlEntities: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/**
 * HTML text and quoted attribute values: markup characters as entities, invisible characters
 * shown as escapes (a bidi override written as an entity would still reorder the page). Never
 * enough for a URL (href, src), a style or a script: data must not be put there.
 */
export function html(text: string): string {
  return terminal(text).replace(/[&<>"']/g, (char) => htmlEntities[char]!);
}

// JSON.stringify already escapes C0 controls, quotes, backslashes and lone surrogates.
const jsonInvisible = /[\u007f-\u009f\u061c\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]|\udb40[\udc00-\udc7f]/g;

/**
 * JSON text of a value, like JSON.stringify(value, null, space), with DEL, C1 controls, bidi
 * controls, zero-width and tag characters and the line and paragraph separators also written as
 * \u escapes (a tag character as its two surrogate escapes): the data stays
 * exact for programs, and a person who prints the file sees nothing reordered or hidden.
 * These characters can only occur inside strings, so replacing them keeps the JSON valid.
 */
export function jsonText(value: unknown, space: number = 2): string {
  return (JSON.stringify(value, null, space) ?? "null").replace(jsonInvisible, (chars) => [...Array(chars.length).keys()].map((index) => `\\u${chars.charCodeAt(index).toString(16).padStart(4, "0")}`).join(""));
}

/**
 * GitHub Actions workflow-command data (the message after the second "::"): invisible characters
 * shown as escapes (the log viewer renders ANSI), then "%" escaped as the runner expects, so the
 * message stays one line. To make a multi-line message, join escaped lines with "%0A".
 */
export function workflowData(text: string): string {
  return terminal(text).replace(/%/g, "%25");
}

/** GitHub Actions workflow-command property values (file=, title=): also "," and ":" escaped. */
export function workflowProperty(text: string): string {
  return workflowData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

const xmlEntities: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };

/**
 * XML 1.0 text and attribute values (JUnit): markup characters as entities, invisible characters
 * shown as escapes, and U+FFFE/U+FFFF (which XML cannot carry) too. Element text keeps its line
 * breaks; in an attribute they become &#10;, which parsers would otherwise turn into spaces.
 */
export function xml(text: string, where: "text" | "attribute" = "text"): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => terminal(line).replace(/[\ufffe\uffff]/g, shown).replace(/[&<>"']/g, (char) => xmlEntities[char]!))
    .join(where === "text" ? "\n" : "&#10;");
}

// A cell that is only a number stays a number, even with a sign: Excel reads it as a value, not a formula.
const plainNumber = /^[-+]?\d+(\.\d+)?$/;

/**
 * One CSV field (RFC 4180) for Excel and WPS: invisible characters shown as escapes, so a field
 * stays on its line; a field that would start a formula (= + - @, also after spaces: "formula
 * injection", which can run commands when the sheet is opened) gets a leading apostrophe, which
 * Excel and WPS hide and read as "text"; quoted when it holds a comma or a quote.
 */
export function csvField(text: string): string {
  const shownText = terminal(text);
  const safe = !plainNumber.test(shownText) && /^\s*[=+\-@]/.test(shownText) ? `'${shownText}` : shownText;
  return /[",]|^\s|\s$/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * A whole CSV file for Excel and WPS: UTF-8 with a BOM (Excel reads BOM-less CSV in the system's
 * code page), CRLF line ends, every field through csvField.
 */
export function csvText(rows: readonly (readonly string[])[]): string {
  return `\uFEFF${rows.map((row) => row.map(csvField).join(",")).join("\r\n")}\r\n`;
}
