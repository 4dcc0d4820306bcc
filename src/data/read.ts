import type { Issue, Location } from "../errors.js";
import type { PlanLookup } from "../plan/lookup.js";
import { readCsvRecords } from "./csv-records.js";
import { decodeChunks, sniffEncoding, UndecodableError, type Encoding, type EncodingChoice } from "./decode.js";
import { readJsonRecords } from "./json-records.js";
import type { DataSet, FileSummary, Observation } from "./observation.js";
import { isProblem, type RecordOrProblem } from "./records.js";
import { interpretObservationRecords, type RowSink } from "./interpret.js";

/** A data file to read: a name for messages, and a way to stream its bytes (again, if need be). */
export interface DataSource {
  file: string;
  open(): AsyncIterable<Uint8Array>;
}

export interface ReadOptions {
  encoding?: EncodingChoice;
}

const unsupported: Record<string, string> = {
  xlsx: "an Excel workbook",
  xls: "an Excel workbook",
  xlsm: "an Excel workbook",
  ods: "an OpenDocument spreadsheet",
  et: "a WPS spreadsheet",
  numbers: "a Numbers spreadsheet",
};

/** Read every data file into one data set; bad rows and bad files become issues, never exceptions. */
export async function readDataFiles(sources: readonly DataSource[], lookup: PlanLookup, options: ReadOptions = {}): Promise<DataSet> {
  const observations = new Map<string, { observation: Observation; summary: FileSummary; conflicted: boolean; others: Observation[] }>();
  const issues: Issue[] = [];
  const files: FileSummary[] = [];
  const seenFiles = new Set<string>();

  for (const source of sources) {
    if (seenFiles.has(source.file)) {
      issues.push({ code: "file-given-twice", severity: "warning", message: "the same file is named twice; it is read once", location: { file: source.file } });
      continue;
    }
    seenFiles.add(source.file);
    const summary = await readOneFile(source, lookup, options, issues, (observation, fileSummary) => {
      const key = `${observation.indicator}\u0000${observation.area}\u0000${observation.period.label}`;
      const earlier = observations.get(key);
      if (!earlier) {
        observations.set(key, { observation, summary: fileSummary, conflicted: false, others: [] });
        fileSummary.rowsUsed += 1;
        return;
      }
      if (earlier.observation.value === observation.value) {
        fileSummary.rowsSkipped += 1;
        fileSummary.warnings += 1;
        issues.push({
          code: "duplicate-row",
          severity: "warning",
          message: `repeats ${describeOrigin(earlier.observation.origin, observation.origin)} (${observation.indicator}, ${observation.area}, ${observation.period.label}, same value); counted once`,
          location: observation.origin,
        });
        return;
      }
      fileSummary.rowsRejected += 1;
      issues.push({
        code: "conflicting-rows",
        severity: "error",
        message: `${observation.indicator} for ${observation.area} ${observation.period.label} is ${observation.value} here but ${earlier.observation.value} at ${describeOrigin(earlier.observation.origin, observation.origin)}; neither value is used`,
        location: observation.origin,
      });
      if (!earlier.conflicted) {
        earlier.conflicted = true;
        earlier.summary.rowsUsed -= 1;
        earlier.summary.rowsRejected += 1;
      }
    });
    files.push(summary);
  }

  const used = [...observations.values()].filter((entry) => !entry.conflicted).map((entry) => entry.observation);
  return { observations: used, issues, files };
}

function describeOrigin(origin: Location, relativeTo: Location): string {
  return origin.file === relativeTo.file ? `line ${origin.line ?? "?"}` : `${origin.file}:${origin.line ?? "?"}`;
}

async function readOneFile(
  source: DataSource,
  lookup: PlanLookup,
  options: ReadOptions,
  issues: Issue[],
  accept: (observation: Observation, summary: FileSummary) => void,
): Promise<FileSummary> {
  const extension = source.file.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1] ?? "";
  const format = extension === "json" || extension === "jsonl" ? "json" : extension === "csv" || extension === "tsv" || extension === "txt" ? "csv" : undefined;
  const summary: FileSummary = { file: source.file, format: format ?? "unsupported", kind: "observations", encoding: "n/a", rowsRead: 0, rowsUsed: 0, rowsRejected: 0, rowsSkipped: 0, warnings: 0 };
  if (!format) {
    const what = unsupported[extension];
    issues.push({
      code: what ? "unsupported-spreadsheet" : "unsupported-file-type",
      severity: "error",
      message: what
        ? `this is ${what}, which zz-plan does not read; save it as "CSV UTF-8 (comma delimited)" and check that file`
        : `".${extension}" files are not read; data files are .csv or .json`,
      location: { file: source.file },
    });
    return summary;
  }

  let encoding: Encoding | undefined = options.encoding && options.encoding !== "auto" ? options.encoding : undefined;
  for (let attempt = 0; attempt < 2; attempt += 1) {
    const fileIssues: Issue[] = [];
    const pendingObservations: Observation[] = [];
    const counts = { rowsRead: 0, rowsRejected: 0, rowsSkipped: 0, warnings: 0 };
    try {
      const { chunks, detected } = await openText(source, encoding);
      encoding = detected;
      const records = format === "csv" ? readCsvRecords(chunks) : readJsonRecords(chunks);
      const sink: RowSink = {
        file: source.file,
        read: () => (counts.rowsRead += 1),
        skip: () => (counts.rowsSkipped += 1),
        reject: (issue, rows = 1) => {
          counts.rowsRejected += rows;
          fileIssues.push(issue);
        },
        warn: (issue) => {
          counts.warnings += 1;
          fileIssues.push(issue);
        },
        use: (observation) => pendingObservations.push(observation),
        structural: (issue) => fileIssues.push(issue),
      };
      await interpretObservationRecords(withStructuralProblems(records, sink), lookup, sink);
    } catch (error) {
      if (error instanceof UndecodableError && options.encoding !== error.encoding && attempt === 0 && error.encoding === "utf-8") {
        encoding = "gb18030";
        continue;
      }
      if (error instanceof UndecodableError) {
        fileIssues.push({ code: "bad-encoding", severity: "error", message: `${error.message}; name the file's encoding with --encoding`, location: { file: source.file } });
      } else if (isFileSystemError(error)) {
        fileIssues.push({ code: "file-unreadable", severity: "error", message: fileSystemMessage(error), location: { file: source.file } });
      } else {
        throw error;
      }
    }
    summary.encoding = encoding ?? "n/a";
    summary.rowsRead = counts.rowsRead;
    summary.rowsRejected = counts.rowsRejected;
    summary.rowsSkipped = counts.rowsSkipped;
    summary.warnings = counts.warnings;
    issues.push(...fileIssues);
    for (const observation of pendingObservations) accept(observation, summary);
    return summary;
  }
  return summary;
}

/** Structural problems (a ragged row, bad JSON) are reported through the sink; records pass on. */
async function* withStructuralProblems(records: AsyncIterable<RecordOrProblem>, sink: RowSink) {
  for await (const item of records) {
    if (!isProblem(item)) {
      yield item;
      continue;
    }
    const issue: Issue = {
      code: item.code,
      severity: item.code === "json-duplicate-key" ? "warning" : "error",
      message: item.message,
      location: { file: sink.file, line: item.line, column: item.column },
      ...(item.hint ? { hint: item.hint } : {}),
    };
    if (item.code === "csv-ragged-row" || item.code === "csv-too-many-fields" || item.code === "json-not-an-object") {
      sink.read();
      sink.reject(issue);
    } else if (issue.severity === "warning") {
      sink.warn(issue);
    } else {
      sink.structural(issue);
    }
  }
}

async function openText(source: DataSource, encoding: Encoding | undefined): Promise<{ chunks: AsyncIterable<string>; detected: Encoding }> {
  const iterator = source.open()[Symbol.asyncIterator]();
  const first = await iterator.next();
  const head = first.done ? new Uint8Array() : first.value;
  const detected = encoding ?? sniffEncoding(head).encoding;
  async function* bytes(): AsyncGenerator<Uint8Array> {
    if (head.length > 0) yield head;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  }
  return { chunks: decodeChunks(bytes(), detected), detected };
}

function isFileSystemError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === "string" && (error as NodeJS.ErrnoException).code!.startsWith("E");
}

function fileSystemMessage(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case "ENOENT":
      return "no such file";
    case "EACCES":
    case "EPERM":
      return "permission denied: the file cannot be read";
    case "EISDIR":
      return "this is a folder, not a file";
    default:
      return `cannot read the file (${error.code})`;
  }
}
