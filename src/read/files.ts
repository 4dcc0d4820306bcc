import type { IssueCode } from "../vocabulary/catalogue.js";
import { describeUnreadableSpreadsheet, readableWorkbookExtensions, unreadableSpreadsheets } from "../vocabulary/spreadsheets.js";
import { readCsvRecords, type CsvOptions } from "./csv.js";
import { decodeChunks, firstInvalidUtf8, sniffBinary, sniffEncoding, sniffLength, UndecodableError, type DecodeStats, type Encoding } from "./decode.js";
import { readJsonRecords } from "./json/records.js";
import type { RecordOrProblem } from "./records.js";
import { TableAssembler, type TableOptions } from "./table.js";
import { readWorkbook, type Sheet, type XlsxLimits } from "./xlsx.js";

/**
 * Data files as the reader sees them: a name, a way to stream its bytes, and what comes out of
 * them (decoded text, then records with their lines and columns, or a workbook's sheets). Nothing
 * here knows the plan or the kinds of data: the caller says how a header row looks.
 */

/** A data file to read: a name for messages, and a way to stream its bytes (again, if need be). */
export interface DataSource {
  file: string;
  open(): AsyncIterable<Uint8Array>;
}

/** Why a whole file (or the rest of it) is not read: a code, a message and what to do. */
export interface FileProblem {
  code: IssueCode;
  message: string;
  hint?: string;
}

export type FileFormat = "csv" | "json" | "xlsx";

/** The format a file's name gives it, or why a file of that name is not read. */
export function formatOf(file: string): FileFormat | FileProblem {
  const extension = file.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1] ?? "";
  if ((readableWorkbookExtensions as readonly string[]).includes(extension)) return "xlsx";
  if (extension === "json" || extension === "jsonl") return "json";
  if (extension === "csv" || extension === "tsv" || extension === "txt") return "csv";
  const spreadsheet = unreadableSpreadsheets[extension];
  if (spreadsheet) return { code: "unsupported-spreadsheet", message: describeUnreadableSpreadsheet(spreadsheet) };
  return {
    code: "unsupported-file-type",
    message: extension === "" ? "a file without an extension is not read; data files are .csv, .json or .xlsx" : `".${extension}" files are not read; data files are .csv, .json or .xlsx`,
  };
}

export interface TextOptions {
  /** The encoding to read in; sniffed from the first bytes when undefined. */
  encoding: Encoding | undefined;
  /** The encoding was named (--encoding): UTF-16 text then reads even though its bytes look binary. */
  named: boolean;
  /** How CSV rows are read and the header row found. */
  csv: CsvOptions;
  /** What kind of zz-plan report a file's first text shows it to be: such a file is not data. */
  recogniseReport?: ((head: string) => string | undefined) | undefined;
}

export interface TextRead {
  encoding: Encoding;
  /** The file's records; reading them throws UndecodableError or SourceError (see readFailure). */
  records: AsyncIterable<RecordOrProblem>;
  /** Characters replaced with U+FFFD so far (see undecodableCharacters). */
  stats: DecodeStats;
  /** Where the first bytes stopped being UTF-8, when that made the sniffer choose GB18030. */
  notUtf8At: UndecodableError | undefined;
}

/** Open a CSV or JSON file: its records, or why it is not read (binary, a spreadsheet, a zz-plan report). */
export async function openText(source: DataSource, format: "csv" | "json", options: TextOptions): Promise<TextRead | FileProblem> {
  const opened = await openBytes(source);
  const binary = sniffBinary(opened.head);
  if (binary && !(binary === "binary" && options.named && options.encoding?.startsWith("utf-16"))) {
    await opened.close();
    if (binary === "binary") return { code: "binary-file", message: "this is not a text file (it holds binary data); data files are CSV or JSON text" };
    const extension = source.file.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1] ?? "";
    return {
      code: "unsupported-spreadsheet",
      message:
        binary === "zip-spreadsheet"
          ? `this is an Excel workbook (.xlsx) or another zipped document under a .${extension} name; a workbook is read when its name ends in .xlsx`
          : `${describeUnreadableSpreadsheet({ what: "an Excel 97-2003 workbook (.xls)", steps: unreadableSpreadsheets.xls!.steps })} (it is under a .${extension} name)`,
    };
  }
  const report = options.recogniseReport?.(new TextDecoder().decode(opened.head.subarray(0, 1024)));
  if (report) {
    await opened.close();
    return { code: "zz-plan-report", message: `this is ${report} written by zz-plan, not data: it is not read`, hint: "keep reports outside the folders that hold data files" };
  }
  let encoding = options.encoding;
  let notUtf8At: UndecodableError | undefined;
  if (!encoding) {
    encoding = sniffEncoding(opened.head).encoding;
    const bad = encoding === "gb18030" ? firstInvalidUtf8(opened.head) : undefined;
    if (bad?.afterMultibyte) notUtf8At = new UndecodableError("utf-8", bad.line, bad.byte);
  }
  const stats: DecodeStats = { replaced: 0 };
  const chunks = decodeChunks(opened.bytes, encoding, stats);
  const records = format === "csv" ? readCsvRecords(chunks, options.csv) : readJsonRecords(chunks);
  return { encoding, records, stats, notUtf8At };
}

/** The warning for characters the encoding could not decode, if there were any. */
export function undecodableCharacters(read: TextRead, notUtf8At: UndecodableError | undefined): FileProblem | undefined {
  const replaced = read.stats.replaced;
  if (replaced === 0) return undefined;
  return {
    code: "undecodable-characters",
    message: `${replaced} character${replaced === 1 ? "" : "s"} could not be decoded as ${read.encoding.toUpperCase()} and read as U+FFFD (�)${
      notUtf8At?.line === undefined ? "" : `; the file reads as UTF-8 up to line ${notUtf8At.line}, so it may be UTF-8 with stray bytes there`
    }`,
    hint: "the file may be in another encoding; name it with --encoding (utf-8, gb18030, utf-16le, utf-16be)",
  };
}

/**
 * What an error thrown while a file was read means: bytes the encoding cannot read, or the file
 * system failing (too large, gone, not allowed); undefined for any other error, which is a bug.
 */
export function readFailure(error: unknown, rowsRead: number): FileProblem | undefined {
  if (error instanceof UndecodableError) {
    const partly = rowsRead > 0 ? `; the ${rowsRead} row(s) before it are read, the rest is not` : "";
    return { code: "bad-encoding", message: `${error.message}${partly}`, hint: "name the file's encoding with --encoding (utf-8, gb18030, utf-16le, utf-16be)" };
  }
  if (!(error instanceof SourceError)) return undefined;
  const original = error.original;
  if (isFileSystemError(original) && original.code === "EFBIG") {
    const partly = rowsRead > 0 ? `; the ${rowsRead} row(s) before the limit are read, the rest is not` : "";
    return { code: "file-too-large", message: `${original.message}${partly}`, hint: "split it into smaller files (by year or by station) and name them all" };
  }
  if (isFileSystemError(original)) return { code: original.code === "ENOENT" ? "file-not-found" : "file-unreadable", message: fileSystemMessage(original) };
  return { code: "file-unreadable", message: `cannot read the file: ${error.message}` };
}

/** A workbook's sheets that hold a filled cell (Excel's empty Sheet2 and Sheet3 are passed over), or why it is not read. */
export async function openWorkbook(source: DataSource, sheet: string | undefined, limits: XlsxLimits): Promise<Sheet[] | FileProblem> {
  let bytes: Uint8Array | undefined;
  try {
    bytes = await readAllBytes(source, limits.maxBytes);
  } catch (error) {
    const problem = readFailure(error, 0);
    if (!problem) throw error;
    return problem;
  }
  if (bytes === undefined) {
    return { code: "xlsx-too-large", message: `the workbook is larger than ${Math.round(limits.maxBytes / (1024 * 1024))} MB, the most that is read`, hint: "save the sheet that holds the data as CSV, or split the workbook" };
  }
  const workbook = await readWorkbook(bytes, sheet, limits);
  if (!workbook.ok) return { code: workbook.code, message: workbook.message, ...(workbook.hint ? { hint: workbook.hint } : {}) };
  return workbook.sheets.filter((read) => read.rows.some((row) => row.fields.some((value) => value !== null && String(value).trim() !== "")));
}

/** A sheet's rows as records, through the same header search as CSV. */
export async function* sheetRecords(sheet: Sheet, table: TableOptions): AsyncGenerator<RecordOrProblem> {
  const assembler = new TableAssembler(table);
  for (const row of sheet.rows) {
    yield* assembler.push(row);
    if (assembler.isStopped) return;
  }
  yield* assembler.finish();
}

/** An error raised by the data source itself (opening or reading the file), not by the reader. */
class SourceError extends Error {
  constructor(readonly original: unknown) {
    super(original instanceof Error ? original.message : String(original));
  }
}

/** All of a source's bytes, or undefined when it holds more than maxBytes (reading stops there). */
async function readAllBytes(source: DataSource, maxBytes: number): Promise<Uint8Array | undefined> {
  const chunks: Uint8Array[] = [];
  let length = 0;
  let iterator: AsyncIterator<Uint8Array>;
  try {
    iterator = source.open()[Symbol.asyncIterator]();
  } catch (error) {
    throw new SourceError(error);
  }
  try {
    for (;;) {
      let item: IteratorResult<Uint8Array>;
      try {
        item = await iterator.next();
      } catch (error) {
        throw new SourceError(error);
      }
      if (item.done) break;
      length += item.value.length;
      if (length > maxBytes) return undefined;
      chunks.push(item.value);
    }
  } finally {
    try {
      await iterator.return?.();
    } catch {
      // Closing is best effort.
    }
  }
  return concatenate(chunks, length);
}

function concatenate(chunks: readonly Uint8Array[], length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}

/** Open the source and take its first bytes (at least sniffLength, when the file has them) for sniffing. */
async function openBytes(source: DataSource): Promise<{ head: Uint8Array; bytes: AsyncIterable<Uint8Array>; close(): Promise<void> }> {
  let iterator: AsyncIterator<Uint8Array>;
  try {
    iterator = source.open()[Symbol.asyncIterator]();
  } catch (error) {
    throw new SourceError(error);
  }
  const next = async () => {
    try {
      return await iterator.next();
    } catch (error) {
      throw new SourceError(error);
    }
  };
  const early: Uint8Array[] = [];
  let length = 0;
  let ended = false;
  while (length < sniffLength) {
    const item = await next();
    if (item.done) {
      ended = true;
      break;
    }
    early.push(item.value);
    length += item.value.length;
  }
  const head = concatenate(early, length);
  // A reader that stops early (a fatal problem, a restart) must still let go of the file.
  const close = async () => {
    if (ended) return;
    ended = true;
    try {
      await iterator.return?.();
    } catch {
      // Closing is best effort; the read has already succeeded or failed on its own terms.
    }
  };
  async function* bytes(): AsyncGenerator<Uint8Array> {
    try {
      if (head.length > 0) yield head;
      if (ended) return;
      for (let item = await next(); !item.done; item = await next()) yield item.value;
      ended = true;
    } finally {
      await close();
    }
  }
  return { head, bytes: bytes(), close };
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
