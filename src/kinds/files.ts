import { catalogueEntry, issue, type IssueCode } from "../vocabulary/catalogue.js";
import type { Issue, Location, Severity } from "../vocabulary/issues.js";
import type { PlanLookup } from "../plan/lookup.js";
import { defaultMaxFields, LineTap, type CsvHeader, type CsvOptions } from "../read/csv.js";
import { defaultXlsxLimits, type XlsxLimits } from "../read/xlsx.js";
import { UndecodableError, type Encoding, type EncodingChoice } from "../read/decode.js";
import { formatOf, openText, openWorkbook, readFailure, sheetRecords, undecodableCharacters, type DataSource, type FileProblem } from "../read/files.js";
import type { ConflictRule, DataSet, FileSummary, InputConflict, Observation, OnConflict } from "./observation.js";
import { isProblem, peekFirstRecord, type DataRecord, type RecordOrProblem } from "../read/records.js";
import { findKind } from "./index.js";
import type { Kind, RowSink } from "./kind.js";
import { consumeFile, detectKind, finishKinds, kindsWithoutTargets, mergeComputed, startKindRun, type KindRun } from "./run.js";
import type { AirRuleset } from "../standards/aqi.js";
import { observationsKind } from "./observations.js";
import { cnemcWideLayout, pivotCnemcWide, type WideLayout } from "./air/cnemc-wide.js";
import { isBlank } from "./rows.js";

export type { DataSource } from "../read/files.js";

export interface ReadOptions {
  encoding?: EncodingChoice;
  /** Limits on CSV rows; the defaults suit any real data file. */
  csv?: Pick<CsvOptions, "maxRecordLength" | "maxFields">;
  /** Most issues of one code listed for one file; the rest are counted in one closing issue. */
  maxIssuesPerCode?: number;
  /** Read every file as this kind ("observations" or a raw kind's id) instead of detecting it. */
  kind?: string;
  /** The header is on this line (sheet row) of every file, instead of being looked for (--header-row). */
  headerRow?: number;
  /** The one sheet of each workbook to read, by name or 1-based number (--sheet); default every sheet. */
  sheet?: string;
  /** Limits on workbooks; the defaults suit any real data file. */
  xlsx?: XlsxLimits;
  /** Air rule set for indicators computed from station readings; default: the plan's. */
  ruleset?: AirRuleset;
  /** Which of two different values for one indicator, area and period is used; default later. */
  onConflict?: OnConflict;
  /** What kind of zz-plan report a file's first text shows it to be: such a file is not data. */
  recogniseReport?: (head: string) => string | undefined;
  /** Called for every row read (the command line's progress display counts them). */
  onRow?: (file: string) => void;
  /** Every row through csv-parse and records, no kind's line reader: the reference the fast paths are tested against. */
  referencePath?: boolean;
}

export { onConflictChoices, type OnConflict } from "./names.js";

/**
 * A file of garbage can hold millions of bad rows; listing each would cost memory and help no one.
 * The file's row counts stay exact.
 */
export const defaultMaxIssuesPerCode = 1000;



interface Accepted {
  /** The value used (under reject, the first of the conflicting values). */
  observation: Observation;
  summary: FileSummary;
  /** Under reject: conflicting values were given, and none is used. */
  conflicted: boolean;
  /** Values given for this indicator, area and period that are not used. */
  dropped: Observation[];
  rule?: ConflictRule;
}

function describeRule(rule: ConflictRule, kept: Observation, lost: Observation): string {
  const unit = kept.origin.file === lost.origin.file ? "row in the file" : "file on the command line";
  switch (rule) {
    case "later-revision":
      return `its 报送日期/revision ${kept.revision} is later than ${lost.revision}`;
    case "earlier-revision":
      return `its 报送日期/revision ${kept.revision} is earlier than ${lost.revision}, under --on-conflict earlier`;
    case "later-file":
      return `the later ${unit} wins${kept.revision === lost.revision ? "" : "; the rows do not both give a 报送日期"}`;
    case "earlier-file":
      return `the earlier ${unit} wins, under --on-conflict earlier`;
    case "reject":
      return "neither value is used under --on-conflict reject";
  }
}

/**
 * Which of two different values for one indicator, area and period is used: the later (or,
 * under --on-conflict earlier, the earlier) 报送日期/revision when both rows give one and they
 * differ, else reading order: files in the order the command line names them, rows in file order.
 */
export function decideRevision(earlier: Observation, newer: Observation, onConflict: "later" | "earlier"): { newerWins: boolean; rule: ConflictRule } {
  const order = compareRevisions(earlier.revision, newer.revision);
  if (order !== 0) return { newerWins: onConflict === "later" ? order < 0 : order > 0, rule: onConflict === "later" ? "later-revision" : "earlier-revision" };
  return { newerWins: onConflict === "later", rule: onConflict === "later" ? "later-file" : "earlier-file" };
}

/** -1 when a is the older revision, 1 when b is, 0 when they cannot be told apart (or either is missing). */
function compareRevisions(a: string | undefined, b: string | undefined): number {
  if (a === undefined || b === undefined || a === b) return 0;
  const numeric = /^\d+(?:\.\d+)?$/;
  if (numeric.test(a) && numeric.test(b)) return Math.sign(Number(a) - Number(b));
  const date = /^\d{4}-\d{2}-\d{2}$/;
  if (date.test(a) && date.test(b)) return a < b ? -1 : 1;
  return 0;
}

/** Read every data file into one data set; bad rows and bad files become issues, never exceptions. */
export async function readDataFiles(sources: readonly DataSource[], lookup: PlanLookup, options: ReadOptions = {}): Promise<DataSet> {
  const maxPerCode = options.maxIssuesPerCode ?? defaultMaxIssuesPerCode;
  const accepted = new Map<string, Accepted>();
  const collectors = new Map<string, IssueCollector>();
  const files: FileSummary[] = [];
  const general = new IssueCollector(maxPerCode);
  const run = startKindRun(lookup, options.ruleset ?? lookup.plan.ruleset);
  const onConflict = options.onConflict ?? "later";
  const sourcesRead = new Set<string>();

  for (const source of sources) {
    if (sourcesRead.has(source.file)) {
      general.add(issue("file-given-twice", "the same file is named twice; it is read once", { location: { file: source.file } }));
      continue;
    }
    sourcesRead.add(source.file);
    // A workbook is one table per sheet, each with its own summary and issues.
    for (const { summary, collector, observations } of await readOneFile(source, options, maxPerCode, run)) {
      collectors.set(summary.file, collector);
      files.push(summary);
      for (const observation of observations) accept(observation, summary, collector);
    }
  }

  function accept(observation: Observation, summary: FileSummary, collector: IssueCollector): void {
    const key = `${observation.indicator}\u0000${observation.area}\u0000${observation.period.label}`;
    const earlier = accepted.get(key);
    if (!earlier) {
      accepted.set(key, { observation, summary, conflicted: false, dropped: [] });
      summary.rowsUsed += 1;
      return;
    }
    const what = `${observation.indicator} for ${observation.area} ${observation.period.label}`;
    if (earlier.observation.value === observation.value && !earlier.conflicted) {
      summary.rowsSkipped += 1;
      summary.warnings += 1;
      collector.add(issue(
        "duplicate-row",
        `repeats ${describeOrigin(earlier.observation.origin, observation.origin)} (${what}, same value ${observation.value}); counted once`,
        { location: observation.origin },
      ));
      return;
    }
    if (onConflict !== "reject") {
      const decision = decideRevision(earlier.observation, observation, onConflict);
      const [kept, lost] = decision.newerWins ? [observation, earlier.observation] : [earlier.observation, observation];
      const lostSummary = decision.newerWins ? earlier.summary : summary;
      const lostCollector = decision.newerWins ? (collectors.get(earlier.summary.file) ?? collector) : collector;
      if (decision.newerWins) {
        earlier.summary.rowsUsed -= 1;
        summary.rowsUsed += 1;
        earlier.observation = observation;
        earlier.summary = summary;
      }
      lostSummary.rowsSkipped += 1;
      lostSummary.warnings += 1;
      earlier.dropped.push(lost);
      earlier.rule = decision.rule;
      lostCollector.add(issue(
        "revised-value",
        `${what} is ${lost.value} here but ${kept.value} at ${describeOrigin(kept.origin, lost.origin)}; ${kept.value} is used (${describeRule(decision.rule, kept, lost)})`,
        { location: lost.origin, hint: "--on-conflict reject|later|earlier chooses the rule; a 报送日期 (revision) column decides before file order" },
      ));
      return;
    }
    summary.rowsRejected += 1;
    if (earlier.conflicted) {
      earlier.dropped.push(observation);
      collector.add(issue(
        "conflicting-rows",
        `${what} is ${observation.value} here; it already has conflicting values (first at ${describeOrigin(earlier.observation.origin, observation.origin)}); no value is used`,
        { location: observation.origin },
      ));
      return;
    }
    collector.add(issue(
      "conflicting-rows",
      `${what} is ${observation.value} here but ${earlier.observation.value} at ${describeOrigin(earlier.observation.origin, observation.origin)}; neither value is used`,
      { location: observation.origin },
    ));
    earlier.conflicted = true;
    earlier.rule = "reject";
    earlier.dropped.push(earlier.observation, observation);
    earlier.summary.rowsUsed -= 1;
    earlier.summary.rowsRejected += 1;
    (collectors.get(earlier.summary.file) ?? collector).add(issue(
      "conflicting-rows",
      `${what} is ${earlier.observation.value} here but ${observation.value} at ${describeOrigin(observation.origin, earlier.observation.origin)}; neither value is used`,
      { location: earlier.observation.origin },
    ));
  }

  // Raw kinds compute once every file is in; their rows are counted as used or rejected only then.
  const computed = finishKinds(run);
  const used = [...accepted.values()].filter((entry) => !entry.conflicted).map((entry) => entry.observation);
  const conflicts: InputConflict[] = [...accepted.values()]
    .filter((entry) => entry.dropped.length > 0)
    .map((entry) => ({
      indicator: entry.observation.indicator,
      area: entry.observation.area,
      period: entry.observation.period.label,
      rule: entry.rule ?? "reject",
      ...(entry.conflicted ? {} : { used: entry.observation }),
      dropped: entry.dropped,
    }));
  const merged = mergeComputed(used, computed.observations);
  for (const kind of kindsWithoutTargets(run)) {
    const first = files.find((file) => file.kind === kind.id);
    if (!first) continue;
    (collectors.get(first.file) ?? general).add(issue(
      "no-planned-indicator",
      `this is ${kind.id} data, which gives ${kind.produces.join(", ")}; the plan has no target on any of them, so nothing read from it is judged`,
      { location: { file: first.file }, hint: "check that the plan is the one meant (--plan), or leave the file out" },
    ));
  }
  for (const issue of [...computed.issues, ...merged.issues]) (collectors.get(issue.location?.file ?? "") ?? general).add(issue);
  const issues = [...general.finish(), ...[...collectors.values()].flatMap((collector) => collector.finish())];
  return { observations: merged.observations, issues, files, conflicts };
}

function describeOrigin(origin: Location, relativeTo: Location): string {
  if (origin.file !== relativeTo.file) return `${origin.file} line ${origin.line ?? "?"}`;
  // Rows of a JSON file can share a line; the column then tells them apart.
  return origin.line === relativeTo.line && origin.column !== undefined ? `line ${origin.line ?? "?"}, column ${origin.column}` : `line ${origin.line ?? "?"}`;
}

/** The issues of one file, at most maxPerCode of each code; the rest only counted. */
class IssueCollector {
  private readonly listed: Issue[] = [];
  private readonly counts = new Map<IssueCode, number>();
  private readonly unlisted = new Map<IssueCode, { count: number; severity: Severity; file: string }>();

  constructor(private readonly maxPerCode: number) {}

  add(issue: Issue): void {
    const count = (this.counts.get(issue.code) ?? 0) + 1;
    this.counts.set(issue.code, count);
    if (count <= this.maxPerCode) {
      this.listed.push(issue);
      return;
    }
    const entry = this.unlisted.get(issue.code) ?? { count: 0, severity: issue.severity, file: issue.location?.file ?? "" };
    entry.count += 1;
    if (issue.severity === "error") entry.severity = "error";
    this.unlisted.set(issue.code, entry);
  }

  get hasErrors(): boolean {
    return this.listed.some((issue) => issue.severity === "error");
  }

  finish(): Issue[] {
    const closing: Issue[] = [...this.unlisted].map(([code, entry]) => ({
      code,
      severity: entry.severity,
      message: `and ${entry.count} more ${code} problem${entry.count === 1 ? "" : "s"} in this file, not listed one by one (the first ${this.maxPerCode} are)`,
      location: { file: entry.file },
    }));
    return [...this.listed, ...closing];
  }
}

interface FileResult {
  summary: FileSummary;
  collector: IssueCollector;
  observations: Observation[];
}

/** A problem with a whole file, as an issue at that file. */
function fileIssue(problem: FileProblem, file: string): Issue {
  return issue(problem.code, problem.message, { location: { file }, hint: problem.hint });
}

function emptySummary(file: string, format: FileSummary["format"]): FileSummary {
  return { file, format, kind: "observations", encoding: "n/a", rowsRead: 0, rowsUsed: 0, rowsRejected: 0, rowsSkipped: 0, warnings: 0 };
}

/** A file that is not read, for the reason the problem gives. */
function unreadFile(summary: FileSummary, problem: FileProblem, maxPerCode: number): FileResult[] {
  const collector = new IssueCollector(maxPerCode);
  const unread = fileIssue(problem, summary.file);
  collector.add(unread);
  if (unread.severity === "warning") summary.warnings += 1;
  return [{ summary, collector, observations: [] }];
}

async function readOneFile(source: DataSource, options: ReadOptions, maxPerCode: number, run: KindRun): Promise<FileResult[]> {
  const format = formatOf(source.file);
  if (format === "xlsx") return readWorkbookFile(source, options, maxPerCode, run);
  if (typeof format !== "string") return unreadFile(emptySummary(source.file, "unsupported"), format, maxPerCode);
  const summary = emptySummary(source.file, format);

  const named: Encoding | undefined = options.encoding && options.encoding !== "auto" ? options.encoding : undefined;
  let encoding: Encoding | undefined = named;
  // Where the first try found bytes that are not UTF-8, when the file is read again as GB18030.
  let fallback: UndecodableError | undefined;
  const taken = { rows: false };
  for (let attempt = 0; ; attempt += 1) {
    const collector = new IssueCollector(maxPerCode);
    const observations: Observation[] = [];
    // A second attempt counts afresh: rows of the first were not taken (see taken.rows).
    Object.assign(summary, { rowsRead: 0, rowsRejected: 0, rowsSkipped: 0, warnings: 0 });
    try {
      let header: CsvHeader | undefined;
      const lines = format === "csv" && !options.referencePath ? new LineTap() : undefined;
      const read = await openText(source, format, {
        encoding,
        named: named !== undefined,
        csv: {
          ...options.csv,
          looksLikeHeader: headerRecogniser(options.kind),
          ...(options.headerRow !== undefined ? { headerRow: options.headerRow } : {}),
          onHeader: (found) => (header = found),
          ...(lines ? { lines } : { referenceParser: options.referencePath === true }),
        },
        // A file read again was already found not to be a report.
        recogniseReport: attempt === 0 ? options.recogniseReport : undefined,
      });
      if (!("records" in read)) return unreadFile(summary, read, maxPerCode);
      encoding = read.encoding;
      fallback = read.notUtf8At ?? fallback;
      const sink = fileSink(source.file, summary, collector, observations, options.onRow);
      const dataSeen = await interpretRecords(read.records, { sink, summary, header: () => header, columnsPerRecord: format === "json", lines }, { options, run, taken });
      const undecodable = undecodableCharacters(read, fallback);
      if (undecodable) sink.warn(fileIssue(undecodable, source.file));
      if (!dataSeen && !collector.hasErrors) {
        sink.warn(issue("no-data-rows", "the file holds no data rows", { location: { file: source.file } }));
      }
    } catch (error) {
      if (error instanceof UndecodableError && !named && attempt === 0 && error.encoding === "utf-8" && !taken.rows) {
        // The first bytes looked like UTF-8 but later ones do not: read the whole file again as GB18030.
        encoding = "gb18030";
        fallback = error;
        continue;
      }
      const problem = readFailure(error, summary.rowsRead);
      if (!problem) throw error;
      collector.add(fileIssue(problem, source.file));
    }
    summary.encoding = encoding ?? "n/a";
    return [{ summary, collector, observations }];
  }
}

/**
 * An Excel workbook: each sheet with data is read as its own table, named "book.xlsx[Sheet1]" in
 * summaries and issues (row and column are the sheet's), through the same header search as CSV.
 */
async function readWorkbookFile(source: DataSource, options: ReadOptions, maxPerCode: number, run: KindRun): Promise<FileResult[]> {
  const sheets = await openWorkbook(source, options.sheet, options.xlsx ?? defaultXlsxLimits);
  if (!Array.isArray(sheets)) return unreadFile(emptySummary(source.file, "xlsx"), sheets, maxPerCode);
  const results: FileResult[] = [];
  const taken = { rows: false };
  for (const sheet of sheets) {
    const file = `${source.file}[${sheet.name}]`;
    const summary = emptySummary(file, "xlsx");
    const collector = new IssueCollector(maxPerCode);
    const observations: Observation[] = [];
    const sink = fileSink(file, summary, collector, observations, options.onRow);
    let header: CsvHeader | undefined;
    const records = sheetRecords(sheet, {
      maxFields: options.csv?.maxFields ?? defaultMaxFields,
      looksLikeHeader: headerRecogniser(options.kind),
      ...(options.headerRow !== undefined ? { headerRow: options.headerRow } : {}),
      onHeader: (found) => (header = found),
    });
    const dataSeen = await interpretRecords(records, { sink, summary, header: () => header, columnsPerRecord: false }, { options, run, taken });
    if (!dataSeen && !collector.hasErrors) sink.warn(issue("no-data-rows", "the sheet holds no data rows", { location: { file } }));
    results.push({ summary, collector, observations });
  }
  if (results.length === 0) {
    const problem: FileProblem = { code: "no-data-rows", message: options.sheet === undefined ? "every sheet of the workbook is empty" : `sheet "${options.sheet}" is empty` };
    return unreadFile(emptySummary(source.file, "xlsx"), problem, maxPerCode);
  }
  return results;
}

/**
 * The one sink of a table: rows count straight into its summary, also after the file is done (a
 * computed kind settles some rows only at finish); values the file gives as they stand are kept
 * for the run to accept.
 */
function fileSink(file: string, summary: FileSummary, collector: IssueCollector, observations: Observation[], onRow: ReadOptions["onRow"]): RowSink {
  // A kind rejects all rows of, say, an unknown station with one issue object: list it once.
  const listed = new WeakSet<Issue>();
  return {
    file,
    read: () => {
      summary.rowsRead += 1;
      onRow?.(file);
    },
    used: () => (summary.rowsUsed += 1),
    use: (observation) => observations.push(observation),
    skip: () => (summary.rowsSkipped += 1),
    reject: (issue, rows = 1) => {
      summary.rowsRejected += rows;
      if (!listed.has(issue)) collector.add(issue);
      listed.add(issue);
    },
    warn: (issue) => {
      summary.warnings += 1;
      collector.add(issue);
    },
    structural: (issue) => collector.add(issue),
  };
}

/** One table's records (a CSV or JSON file, a sheet) read as the kind their columns name; true when a row held data. */
async function interpretRecords(
  records: AsyncIterable<RecordOrProblem>,
  table: { sink: RowSink; summary: FileSummary; header: () => CsvHeader | undefined; columnsPerRecord: boolean; lines?: LineTap | undefined },
  run: { options: ReadOptions; run: KindRun; /** Set once a kind whose rows wait for its finish has taken rows: the file cannot be read again. */ taken: { rows: boolean } },
): Promise<boolean> {
  const { sink, summary, header } = table;
  const { first, rest } = await peekFirstRecord(withStructuralProblems(records, sink));
  const headers = header()?.names ?? (first ? [...first.cells.keys()] : []);
  const wide = run.options.kind === undefined || run.options.kind === "air-readings" ? cnemcWideLayout(headers) : undefined;
  const kind = wide ? findKind("air-readings")! : chooseKind(run.options.kind, headers);
  summary.kind = kind.id;
  if (kind !== observationsKind) run.taken.rows = true;
  const data = { seen: false };
  const input = wide ? pivotCnemcWide(rest, wide, registeredColumns(run.run.options.lookup, wide, sink, header()?.line ?? 1)) : rest;
  // A file read as wide columns is pivoted into records: its lines are not the kind's to take.
  const lines = wide ? undefined : table.lines;
  await consumeFile(run.run, kind, withDataSeen(input, data), sink, { header, columnsPerRecord: table.columnsPerRecord, ...(lines ? { lines } : {}) });
  return data.seen || (lines?.taken ?? 0) > 0;
}

/**
 * Which station columns of CNEMC's national file are read: with the plan's station registry, its
 * city's only (one warning counts the other cities' columns); without one, all.
 */
function registeredColumns(lookup: PlanLookup, wide: WideLayout, sink: RowSink, line: number): (code: string) => boolean {
  const registered = new Set((lookup.stationRegistry?.stations ?? []).map((station) => station.code));
  const keep = (code: string) => registered.size === 0 || registered.has(code);
  const kept = wide.stations.filter((code) => keep(code.trim())).length;
  if (kept < wide.stations.length) {
    sink.warn(issue(
      "other-cities-stations",
      `${wide.stations.length - kept} of the ${wide.stations.length} station columns are not in the plan's station registry (other cities' stations) and are not read; ${kept} are`,
      { location: { file: sink.file, line } },
    ));
  }
  return keep;
}

/** The kind named by --kind, or else the first kind whose columns these are; the general format when none is. */
function chooseKind(kind: string | undefined, headers: readonly string[]): Kind<unknown> {
  return (kind === undefined ? detectKind(headers) : findKind(kind)) ?? observationsKind;
}

/** Records pass on; data.seen turns true at the first one that is not blank. */
async function* withDataSeen(records: AsyncIterable<DataRecord>, data: { seen: boolean }): AsyncGenerator<DataRecord> {
  for await (const record of records) {
    data.seen ||= !isBlank(record);
    yield record;
  }
}

/**
 * Whether a row names the columns of a file zz-plan reads: the --kind's columns, or any kind's
 * (the general format's: at least three of indicator, area, period and value, the value among
 * them). A title, a 填报单位 line or a note above the header names none of them.
 */
export function headerRecogniser(kind: string | undefined): (names: readonly string[]) => boolean {
  const forced = kind === undefined ? undefined : findKind(kind);
  if (forced) return (names) => forced.detect(names);
  return (names) => detectKind(names) !== undefined || cnemcWideLayout(names) !== undefined;
}

/** Structural problems (a ragged row, bad JSON) are reported through the sink; records pass on. */
async function* withStructuralProblems(records: AsyncIterable<RecordOrProblem>, sink: RowSink) {
  for await (const item of records) {
    if (!isProblem(item)) {
      yield item;
      continue;
    }
    const problem = issue(item.code, item.message, { location: { file: sink.file, line: item.line, column: item.column }, hint: item.hint });
    const { rejectsRow } = catalogueEntry(item.code);
    if (rejectsRow === "always" || (rejectsRow === "outside the header" && !item.inHeader)) {
      sink.read();
      sink.reject(problem);
    } else if (problem.severity === "warning") {
      sink.warn(problem);
    } else {
      sink.structural(problem);
    }
  }
}
