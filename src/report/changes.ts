import type { Report, Status } from "../engine/types.js";
import { markdownRow, markdownRule } from "./markdown-table.js";
import type { PrintedIssue } from "../vocabulary/issues.js";
import type { Language } from "../vocabulary/language.js";
import { formatIssueIn } from "./diagnostics.js";
import { html, markdown, markdownCodeBlock, terminal } from "./escape.js";
import type { FormatOptions } from "./formatter.js";
import { issueAnnotation, workflowCommands, type Annotation } from "./github.js";
import { formatChangesJson, type ChangeKind, type Changes, type Diagnostic, type ResultChange } from "./json.js";
import { renderGrid, wrapLines } from "./layout.js";
import { messagesFor, type Messages } from "./messages.js";
import { isWorse, newlyReachingFailOn, statusChanges } from "./diff.js";
import { namingFor, statusEmoji, statusSymbol, valueWithUnit, type Naming } from "./wording.js";

/** What zz-plan diff formats: the changes, and the plan's names for the areas and indicators in them. */
export interface ChangeReport {
  changes: Changes;
  names: Pick<Report, "areas" | "indicators">;
}

/** How many status changes the terminal lists unless --verbose. */
const terminalTop = 30;

const emojiOf: Record<ChangeKind, string> = {
  "newly-failing": "🔴",
  "newly-at-risk": "🟠",
  "now-no-data": "⚪",
  worse: "🔻",
  added: "➕",
  recovered: "🟢",
  better: "🔺",
  removed: "➖",
  value: "✏️",
};

interface Words {
  messages: Messages;
  naming: Naming;
  language: Language;
}

function wordsFor(report: ChangeReport, options: Partial<FormatOptions>): Words {
  const language = options.language ?? "en";
  return { messages: messagesFor(language), naming: namingFor(report.names, language), language };
}

/** One line for a report's head: "Compared with the report as of 2025-09-30: 2 newly failing, ...". */
export function changesLine(changes: Changes, language: Language): string {
  const messages = messagesFor(language);
  return `${messages.changes.since(changes.previous.asOf)}${messages.colon}${countsSentence(changes, { messages, naming: namingFor({ areas: [], indicators: [] }, language), language })}`;
}

/** "2 newly failing, 1 recovered; 3 row(s) newly rejected, 0 no longer rejected": the kinds that occurred. */
function countsSentence(changes: Changes, { messages }: Words): string {
  const kinds = (Object.keys(changes.counts) as ChangeKind[]).filter((kind) => kind !== "value" && changes.counts[kind] > 0);
  const counts = kinds.map((kind) => messages.changes.count({ kind: messages.changes.kind[kind], count: changes.counts[kind] })).join(messages.list);
  const rejected = messages.changes.rejected({ added: changes.rejected.added.length, removed: changes.rejected.removed.length });
  return `${counts || messages.changes.nothing}${messages.semicolon}${rejected}`;
}

function stateText(state: ResultChange["before"], change: ResultChange, words: Words, symbols: Record<Status, string>): string {
  if (!state) return "—";
  const value = state.projected ?? state.actual;
  const shown = value === null ? "" : ` ${valueWithUnit(value, change.unit, words.messages)}`;
  return `${symbols[state.status]} ${words.messages.status[state.status]}${shown}`;
}

function areaText(change: ResultChange, words: Words): string {
  const name = words.naming.area(change.area);
  return change.role === "comparison" ? `${name} (${words.messages.comparison})` : name;
}

function problemText(diagnostic: Diagnostic, words: Words): string {
  return formatIssueIn(issueOf(diagnostic), words.messages, words.language);
}

function issueOf(diagnostic: Diagnostic): PrintedIssue {
  return {
    code: diagnostic.code,
    severity: diagnostic.severity,
    message: diagnostic.message,
    ...(diagnostic.location ? { location: diagnostic.location } : {}),
    ...(diagnostic.hint ? { hint: diagnostic.hint } : {}),
  };
}

/** The terminal view: the counts, a table of status changes, value-only changes counted, new rejected rows listed. */
export function formatChangesTable(report: ChangeReport, options: FormatOptions): string {
  const words = wordsFor(report, options);
  const { messages } = words;
  const { changes } = report;
  const width = options.width ?? 80;
  const out = [wrapLines(terminal(messages.changes.title({ previous: changes.previous.asOf, current: changes.current.asOf })), width), wrapLines(terminal(countsSentence(changes, words)), width), ""];
  const listed = options.verbose ? changes.results : statusChanges(changes);
  const shown = options.verbose ? listed : listed.slice(0, options.top ?? terminalTop);
  if (shown.length > 0) {
    out.push(
      renderGrid(
        [{ header: messages.changes.change }, { header: messages.column.indicator, prose: true }, { header: messages.column.area }, { header: messages.changes.before }, { header: messages.changes.after }],
        shown.map((change) => [
          messages.changes.kind[change.change],
          terminal(words.naming.indicator(change.indicator)),
          terminal(areaText(change, words)),
          stateText(change.before, change, words, statusSymbol),
          stateText(change.after, change, words, statusSymbol),
        ]),
        { width },
      ),
    );
  }
  if (shown.length < listed.length) out.push(messages.changes.notShown({ hidden: listed.length - shown.length, flag: "--top N, --verbose" }));
  const valueOnly = changes.counts.value;
  if (!options.verbose && valueOnly > 0) out.push(`${messages.changes.valueOnly(valueOnly)}${messages.colon}${messages.moreWith("--verbose")}`);
  if (changes.rejected.added.length > 0) {
    out.push("", `${messages.changes.rejectedAdded} (${changes.rejected.added.length})`, ...changes.rejected.added.map((diagnostic) => problemText(diagnostic, words)));
  }
  return `${out.join("\n").trimEnd()}\n`;
}

/**
 * The section "Since the last report": counts, the status changes in a table, value-only changes
 * and new rejected rows folded. The brief puts it after its summary; zz-plan diff prints it alone.
 */
export function changesSection(changes: Changes, naming: Naming, language: Language): string[] {
  const words: Words = { messages: messagesFor(language), naming, language };
  const { messages } = words;
  const out = [`## ${messages.changes.heading}`, "", markdown(`${messages.changes.since(changes.previous.asOf)}${messages.colon}${countsSentence(changes, words)}`), ""];
  const listed = statusChanges(changes);
  const binding = listed.filter((change) => change.role === "binding");
  const comparisons = listed.filter((change) => change.role === "comparison");
  if (binding.length > 0) out.push(...changeTable(binding, words), "");
  if (comparisons.length > 0) out.push(...details(messages.changes.comparisons(comparisons.length), changeTable(comparisons, words)));
  const values = changes.results.filter((change) => change.change === "value");
  if (values.length > 0) out.push(...details(messages.changes.valueOnly(values.length), changeTable(values, words)));
  const added = changes.rejected.added;
  if (added.length > 0) out.push(...details(`${messages.changes.rejectedAdded} (${added.length})`, [markdownCodeBlock(added.flatMap((diagnostic) => problemText(diagnostic, words).split("\n")))]));
  const removed = changes.rejected.removed;
  if (removed.length > 0) out.push(...details(`${messages.changes.rejectedRemoved} (${removed.length})`, [markdownCodeBlock(removed.flatMap((diagnostic) => problemText(diagnostic, words).split("\n")))]));
  return out;
}

/** "Since the last report" as plain text for formats that escape on their own (HTML): the counts and the binding status changes. */
export function changesSummary(changes: Changes, naming: Naming, language: Language): { heading: string; sentence: string; columns: string[]; rows: string[][] } {
  const words: Words = { messages: messagesFor(language), naming, language };
  const { messages } = words;
  const binding = statusChanges(changes).filter((change) => change.role === "binding");
  return {
    heading: messages.changes.heading,
    sentence: changesLine(changes, language),
    columns: [messages.changes.change, messages.column.indicator, messages.column.area, messages.changes.before, messages.changes.after],
    rows: binding.map((change) => changeCells(change, words, "glyphs")),
  };
}

/**
 * A change's cells as plain text: the kind of change, indicator, area, before and after. Markdown
 * marks them with emoji (GitHub draws them); HTML with the status glyphs, which every font has.
 */
function changeCells(change: ResultChange, words: Words, marks: "emoji" | "glyphs"): string[] {
  const kind = words.messages.changes.kind[change.change];
  const symbols = marks === "emoji" ? statusEmoji : statusSymbol;
  return [
    marks === "emoji" ? `${emojiOf[change.change]} ${kind}` : kind,
    words.naming.indicator(change.indicator),
    areaText(change, words),
    stateText(change.before, change, words, symbols),
    stateText(change.after, change, words, symbols),
  ];
}

function changeTable(changes: readonly ResultChange[], words: Words): string[] {
  const { messages } = words;
  return [
    markdownRow([messages.changes.change, messages.column.indicator, messages.column.area, messages.changes.before, messages.changes.after]),
    markdownRule(5),
    ...changes.map((change) => {
      const [kind, ...cells] = changeCells(change, words, "emoji");
      return markdownRow([kind!, ...cells.map(markdown)]);
    }),
  ];
}

function details(summary: string, body: readonly string[]): string[] {
  return ["<details>", `<summary>${html(summary)}</summary>`, "", ...body, "", "</details>", ""];
}

/** zz-plan diff as markdown: a title, then the section the brief carries. */
export function formatChangesMarkdown(report: ChangeReport, options: FormatOptions): string {
  const language = options.language ?? "en";
  const { changes } = report;
  const messages = messagesFor(language);
  const out = [`# ${markdown(messages.changes.title({ previous: changes.previous.asOf, current: changes.current.asOf }))}`, "", ...changesSection(changes, namingFor(report.names, language), language).slice(2)];
  return `${out.join("\n").trimEnd()}\n`;
}

/**
 * zz-plan diff as GitHub workflow commands: an error on each newly rejected row and on each binding
 * result newly at or above --fail-on (on the row that decided it), a warning on the other changes
 * for the worse, then a notice with the counts.
 */
export function formatChangesGithub(report: ChangeReport, options: Partial<FormatOptions> = {}): string {
  const { changes } = report;
  const failOn = options.failOn ?? "fail";
  const failing = new Set(newlyReachingFailOn(changes, failOn));
  const resultAnnotation = (change: ResultChange, level: Annotation["level"]): Annotation => ({
    level,
    title: `${change.change}: ${change.target} ${change.areaName}`,
    lines: [`${change.before?.status ?? "absent"} -> ${change.after?.status ?? "absent"} (${changes.previous.asOf} -> ${changes.current.asOf})`],
    ...(change.origin ? { location: change.origin } : {}),
  });
  const errors = [...changes.rejected.added.map((diagnostic) => issueAnnotation(issueOf(diagnostic))), ...[...failing].map((change) => resultAnnotation(change, "error"))];
  const warnings = changes.results.filter((change) => isWorse(change) && !failing.has(change)).map((change) => resultAnnotation(change, "warning"));
  const words: Words = { messages: messagesFor("en"), naming: namingFor(report.names, "en"), language: "en" };
  const totals = `changes since ${changes.previous.asOf}: ${countsSentence(changes, words)}; ${failing.size} newly at or above --fail-on ${failOn}`;
  return workflowCommands(errors, warnings, totals);
}

/** zz-plan diff as JSON (the envelope with command "diff"). */
export function formatChangesReportJson(report: ChangeReport): string {
  return formatChangesJson(report.changes);
}
