import { copyFileSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { micromark } from "micromark";
import { gfm, gfmHtml } from "micromark-extension-gfm";
import { beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { captureIo } from "../helpers/io.js";
import { miniPlanYaml } from "../helpers/plan.js";

// Control characters, bidi controls and separators that must never reach a terminal or report raw.
const invisible = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

const fixture = fileURLToPath(new URL("../fixtures-bad/control-chars.csv", import.meta.url));
// File names and plan text are data too: an escape sequence, a line break and a bidi override.
const hostileFileName = "data\u001b[31m\u202e\nx.csv";
const hostileTitle = String.raw`"迷你\e[2J\e]8;;https://evil.example\a计划 </code>\n# Injected\n<img src=x onerror=alert(1)> [x](javascript:alert(1)) <!--"`;
const hostileArea = String.raw`"中原区\u202e\x9b31m|<b>"`;

let folder: string;
let plan: string;
let data: string;

beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), "zz-plan-hostile-"));
  plan = join(folder, "plan.yaml");
  data = join(folder, hostileFileName);
  writeFileSync(plan, miniPlanYaml.replace("title: 迷你计划", `title: ${hostileTitle}`).replace("name: 中原区,", `name: ${hostileArea},`));
  copyFileSync(fixture, data);
});

async function run(...args: string[]) {
  const io = captureIo();
  const code = await main(["node", "zz-plan", ...args], io);
  return { code, out: io.out(), err: io.err() };
}


/** Every stderr line is a diagnostic that names the file, a hint under one, or a summary line. */
function expectOneLineDiagnostics(err: string): void {
  expect(err).not.toMatch(invisible);
  for (const line of err.trimEnd().split("\n")) expect(line).toMatch(/^(\/\S*data\\x1B\[31m\\u202E\\nx\.csv(:\d+)*  |    hint: |zz-plan: )/);
}

describe("text from data, file names and the plan reaches no terminal or report raw", { timeout: 30_000 }, () => {
  it("table output and stderr", async () => {
    const { code, out, err } = await run("check", data, "--plan", plan, "--fail-on", "never");
    expect(code).toBe(3);
    expect(out).not.toMatch(invisible);
    expectOneLineDiagnostics(err);
    expect(err.trimEnd().split("\n").filter((line) => !line.startsWith("    hint:"))).toHaveLength(8);
    expect(out).toContain("迷你\\x1B[2J\\x1B]8;;https://evil.example\\x07计划");
    expect(out).toContain("中原区\\u202E\\x9B31m|<b>");
  });

  it("markdown stays inert", async () => {
    const { out } = await run("check", data, "--plan", plan, "--format", "markdown", "--fail-on", "never");
    expect(out).not.toMatch(invisible);
    const rendered = micromark(out, { extensions: [gfm()], htmlExtensions: [gfmHtml()], allowDangerousHtml: true, allowDangerousProtocol: true });
    expect(rendered.match(/<h1>/g)).toHaveLength(1);
    expect(rendered).not.toMatch(/<(img|script|b|a)[\s>]|<!--|javascript:alert\(1\)"/);
    expect(rendered).toContain("&lt;img src=x onerror=alert(1)&gt;");
    // Each rejected row is one line of the code block (its hint an indented line below), which the data cannot close.
    const block = rendered.match(/<pre><code class="language-text">([^]*?)<\/code><\/pre>/)?.[1] ?? "";
    expect(block.trimEnd().split("\n").filter((line) => !line.startsWith("    "))).toHaveLength(8);
  });

  it("HTML shows the text and runs or loads nothing", async () => {
    for (const lang of ["zh", "en"]) {
      const { out } = await run("check", data, "--plan", plan, "--format", "html", "--lang", lang, "--fail-on", "never");
      expect(out).not.toMatch(invisible);
      // The only elements and attributes are the report's own; the plan's <img>, comment and link are text.
      const elements = new Set([...out.matchAll(/<([a-z][a-z0-9]*)/gi)].map((match) => match[1]!.toLowerCase()));
      for (const element of elements) expect(["html", "head", "meta", "title", "style", "body", "main", "header", "footer", "section", "h1", "h2", "h3", "p", "span", "table", "thead", "tbody", "tr", "th", "td", "details", "summary", "figure", "figcaption", "svg", "path", "rect", "circle", "text", "ul", "li", "br", "code"]).toContain(element);
      const attributes = new Set([...out.matchAll(/<[a-z][a-z0-9]*((?:\s+[a-z-]+(?:="[^"]*")?)*)\s*\/?>/gi)].flatMap((match) => [...match[1]!.matchAll(/\s([a-z-]+)/gi)].map((name) => name[1]!.toLowerCase())));
      for (const attribute of attributes) expect(attribute).not.toMatch(/^(on|href|src|xlink|action|formaction)/);
      expect(out).not.toContain("<!--");
      expect(out).toContain("&lt;img src=x onerror=alert(1)&gt;");
      expect(out).toContain("中原区\\u202E\\x9B31m|&lt;b&gt;");
      expect(out).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
    }
  });

  it("JSON keeps the exact text, with invisible characters as \\u escapes", async () => {
    const { out } = await run("check", data, "--plan", plan, "--format", "json", "--fail-on", "never");
    expect(out).not.toMatch(invisible);
    const report = JSON.parse(out) as { plan: { title: string }; diagnostics: { location: { file: string } }[] };
    expect(report.plan.title).toContain("\u001b[2J");
    expect(report.diagnostics[0]!.location.file).toBe(data);
    expect(out).toContain("\\u202e");
  });

  it("validate, explain and targets", async () => {
    for (const args of [["validate", data, "--plan", plan], ["validate", data, "--plan", plan, "--format", "json"], ["explain", "goals-pm25", data, "--plan", plan], ["targets", "--plan", plan]]) {
      const { out, err } = await run(...args);
      expect(out, args.join(" ")).not.toMatch(invisible);
      if (err) expectOneLineDiagnostics(err);
    }
  });

  it("an argument echoed in a usage error", async () => {
    const { code, err } = await run("check", "--bogus\u001b]0;pwned\u0007");
    expect(code).toBe(2);
    expect(err).not.toMatch(invisible);
  });
});
