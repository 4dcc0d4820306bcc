import fc from "fast-check";
import { micromark } from "micromark";
import { gfm, gfmHtml } from "micromark-extension-gfm";
import { describe, expect, it } from "vitest";
import { csvField, html, jsonText, markdown, markdownCode, markdownCodeBlock, terminal, workflowData, workflowProperty } from "../../src/report/escape.js";

// Written out here rather than imported, so that the tests do not share a mistake with the code.
const forbidden = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]|\udb40[\udc00-\udc7f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Strings made to hurt: markdown and HTML syntax, escape sequences, bidi overrides, any code point. */
const hostile = fc.string({
  unit: fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom("`", "```", "~~~", "|", "\\", "*", "_", "#", "-", "=", "+", "1.", "2)", ">", "<", "&", "[", "]", "(", ")", "!", "$", "@", ":", ".", " ", "    ", "\t", "\n", "\r", "\u001b[31m", "\u001b]8;;https://x.example\u0007", "\u009b", "\u0085", "\u202e", "\u2066", "\u200f", "\u2028", "\u200b", "\u200d", "\u2060", "\ufeff", "\u{e0041}", "\u{e007f}", "\u{e0001}", "<!--", "-->", "<script>", "javascript:", "www.", "http://", "https://x.example", "a@b.example", "&lt;", "&#60;", "&amp;", "<b>", "a", "中原区") },
    { weight: 1, arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 1 }) },
    { weight: 1, arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code)) },
  ),
  maxLength: 24,
});

const runs = { numRuns: 150 };

/** How micromark writes text into HTML (& < > " as entities). */
function encoded(text: string): string {
  return text.replace(/[&<>"]/g, (char) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[char]!);
}

/** GitHub-flavoured rendering with raw HTML and every protocol let through, so that nothing is hidden by sanitising. */
function render(source: string): string {
  return micromark(source, { extensions: [gfm()], htmlExtensions: [gfmHtml()], allowDangerousHtml: true, allowDangerousProtocol: true });
}

describe("terminal", () => {
  it("leaves no control, bidi or separator character and no line break", () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const out = terminal(text);
        expect(out).not.toMatch(forbidden);
      }),
      runs,
    );
  });

  it("changes nothing in text without invisible characters", () => {
    fc.assert(fc.property(fc.string({ unit: "grapheme" }).filter((text) => !forbidden.test(text)), (text) => terminal(text) === text));
    expect(terminal("郑州 C:\\data\\a.csv 38.5 ug/m³")).toBe("郑州 C:\\data\\a.csv 38.5 ug/m³");
  });

  it("shows what was there", () => {
    expect(terminal("a\u001b[2Jb\r\nc\td\u009be\u202ef\u2067g\ud800")).toBe("a\\x1B[2Jb\\r\\nc\\td\\x9Be\\u202Ef\\u2067g\\uD800");
    // Zero-width and tag characters (U+E0000-U+E007F: invisible "ASCII smuggled" text) too.
    expect(terminal("中\u200b原\ufeff区\u{e0041}\u{e007f}😀")).toBe("中\\u200B原\\uFEFF区\\u{E0041}\\u{E007F}😀");
  });
});

describe("markdown", () => {
  // One document per sample, with the text in every place a report puts it (micromark is slow).
  it("renders as the text itself in a paragraph, at a line start, in a heading, a table cell, a code span and a code block", () => {
    fc.assert(
      fc.property(hostile, hostile, fc.array(hostile, { maxLength: 4 }), (text, other, lines) => {
        const shown = encoded(terminal(text));
        const document = [
          `before ${markdown(text)} after`,
          "",
          markdown(text),
          "",
          `para\n${markdown(text)}`,
          "",
          `### A ${markdown(text)} Z`,
          "",
          "| a | b |\n|---|---|",
          `| ${markdown(text)} | ${markdown(other)} |`,
          `| ${markdownCode(text, "table-cell")} | z |`,
          "",
          `x ${markdownCode(text)} y`,
          "",
          markdownCodeBlock(lines),
          "",
          "end",
        ].join("\n");
        const code = shown.trim() === "" ? /<code> *<\/code>/.source : `<code>${escapeRegExp(shown)}</code>`;
        const codeCell = shown.trim() === "" ? /(<code> *<\/code>)?/.source : `(<code>${escapeRegExp(shown)}</code>|${escapeRegExp(shown)})`;
        const expected = [
          `<p>before ${escapeRegExp(shown)} after</p>`,
          ...(shown === "" ? [] : [`<p>${escapeRegExp(shown)}</p>`]),
          `<p>para${shown === "" ? "" : `\n${escapeRegExp(shown)}`}</p>`,
          `<h3>A ${escapeRegExp(shown)} Z</h3>`,
          "<table>\n<thead>\n<tr>\n<th>a</th>\n<th>b</th>\n</tr>\n</thead>\n<tbody>",
          `<tr>\n<td>${escapeRegExp(shown)}</td>\n<td>${escapeRegExp(encoded(terminal(other)))}</td>\n</tr>`,
          `<tr>\n<td>${codeCell}</td>\n<td>z</td>\n</tr>`,
          "</tbody>\n</table>",
          `<p>x ${code} y</p>`,
          `<pre><code class="language-text">${escapeRegExp(lines.map((line) => `${encoded(terminal(line))}\n`).join(""))}</code></pre>`,
          "<p>end</p>",
        ].join("\n");
        expect(render(document)).toMatch(new RegExp(`^${expected}$`));
      }),
      { numRuns: 80 },
    );
  }, 30_000);

  it("shows an attack as text", () => {
    expect(markdown("</td><script>x</script> [a](javascript:alert(1)) <!-- # |")).toBe(String.raw`\</td>\<script>x\</script> \[a\](javascript:alert(1)) \<!-- \# \|`);
    expect(markdown("-13.64 <= 0.96 & 1")).toBe("-13.64 <= 0.96 & 1");
    expect(`${markdown("a<")}b${markdown("&")}lt;`).toBe(String.raw`a\<b\&lt;`);
    expect(markdown("> quote")).toBe(String.raw`\> quote`);
    expect(markdown("1. x >= 2")).toBe(String.raw`1\. x >= 2`);
    expect(markdownCodeBlock(["a", "```", "b\n```"])).toBe("````text\na\n```\nb\\n```\n````");
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

describe("html", () => {
  it("leaves no markup and no invisible character, and decodes back to the shown text", () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const out = html(text);
        expect(out).not.toMatch(/[<>"']/);
        expect(out).not.toMatch(forbidden);
        expect(out).not.toMatch(/&(?!(amp|lt|gt|quot|#39);)/);
        const decoded = out.replace(/&(amp|lt|gt|quot|#39);/g, (_, name: string) => ({ amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'" })[name]!);
        expect(decoded).toBe(terminal(text));
      }),
      runs,
    );
  });
});

describe("json", () => {
  it("keeps the exact text and writes no invisible character raw", () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const out = jsonText({ name: text, list: [text] }, 0);
        expect(out).not.toMatch(forbidden);
        expect(JSON.parse(out)).toEqual({ name: text, list: [text] });
      }),
      runs,
    );
    expect(jsonText("\u0085\u202e")).toBe('"\\u0085\\u202e"');
    expect(jsonText("\u200b\u{e0041}")).toBe('"\\u200b\\udb40\\udc41"');
  });
});

describe("GitHub workflow commands", () => {
  it("data and properties stay one line and cannot end a property or the command", () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const data = workflowData(text);
        const property = workflowProperty(text);
        for (const out of [data, property]) {
          expect(out).not.toMatch(forbidden);
          expect(out).not.toMatch(/%(?!25|3A|2C)/);
        }
        expect(property).not.toMatch(/[,:]/);
        const decode = (out: string) => out.replace(/%(25|3A|2C)/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
        expect(decode(data)).toBe(terminal(text));
        expect(decode(property)).toBe(terminal(text));
      }),
      runs,
    );
  });
});

/** One RFC 4180 field read back as a spreadsheet would: unquoted, doubled quotes undone. */
function readField(field: string): string {
  return field.startsWith('"') ? field.slice(1, -1).replace(/""/g, '"') : field;
}

describe("csv", () => {
  it("is one field on one line that reads back as the shown text, and never starts a formula", () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const field = csvField(text);
        expect(field).not.toMatch(/[\r\n]/);
        expect(field).not.toMatch(forbidden);
        // Unquoted, a field holds no comma or quote; quoted, every inner quote is doubled.
        if (field.startsWith('"')) expect(field.slice(1, -1)).not.toMatch(/(^|[^"])"("")*([^"]|$)/);
        else expect(field).not.toMatch(/[",]/);
        const value = readField(field);
        // Only a plain number may start with a sign.
        if (!/^[-+]?\d+(\.\d+)?$/.test(value)) expect(value).not.toMatch(/^\s*[=+\-@]/);
        expect(value.replace(/^'/, "")).toBe(terminal(text));
      }),
      runs,
    );
  });

  it("keeps numbers numbers, signed too, and neutralises formulas", () => {
    expect(csvField("-4.82")).toBe("-4.82");
    expect(csvField("+3")).toBe("+3");
    expect(csvField("=HYPERLINK(\"http://x\",\"y\")")).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvField("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvField(" -2+3")).toBe("' -2+3");
    expect(csvField("郑州市，中原区")).toBe("郑州市，中原区");
    expect(csvField("a,b")).toBe('"a,b"');
  });
});
