import { dirname, join } from "node:path";
import { UsageError } from "../vocabulary/issues.js";
import type { Io } from "./io.js";

/** One output of a run: a format, and the file it goes to (stdout when none). */
export interface OutputTarget<Format extends string> {
  format: Format;
  file?: string;
}

/**
 * Pair the repeated -f and -o options: the n-th --output receives the n-th --format, the formats
 * left over go to stdout (at most one may), and -o alone keeps the default format. Checked before
 * any data is read, so a bad pairing writes nothing.
 */
export function pairOutputs<Format extends string>(formats: readonly Format[] | undefined, files: readonly string[] | undefined, fallback: Format): OutputTarget<Format>[] {
  const chosen = formats && formats.length > 0 ? formats : [fallback];
  const outputs = files ?? [];
  if (outputs.length > chosen.length) {
    throw new UsageError("bad-argument", `${outputs.length} --output for ${chosen.length} --format: give each --output its --format (-f json -o report.json -f markdown -o report.md)`);
  }
  const targets = chosen.map((format, index) => (outputs[index] === undefined ? { format } : { format, file: outputs[index] }));
  const toStdout = targets.filter((target) => target.file === undefined);
  if (toStdout.length > 1) {
    throw new UsageError("bad-argument", `${toStdout.map((target) => target.format).join(" and ")} would both go to stdout: give all but one an --output`);
  }
  const seen = new Set<string>();
  for (const { file } of targets) {
    if (file === undefined) continue;
    if (seen.has(file)) throw new UsageError("bad-argument", `--output "${file}" is given twice`);
    seen.add(file);
  }
  return targets;
}

/**
 * Each --output must name a file (new or not) in a folder that exists. Checked before anything is
 * read, so a mistyped folder is a one-line usage error at once, not a failure after the work.
 */
export async function checkOutputFiles(files: readonly (string | undefined)[], io: Io): Promise<void> {
  for (const file of files) {
    if (file === undefined) continue;
    const kind = await io.pathKind(file);
    if (kind === "folder") throw new UsageError("bad-output", `--output "${file}" is a folder; name a file in it (${join(file, "report.md")})`);
    if (kind === "other") throw new UsageError("bad-output", `--output "${file}" is not a regular file (a FIFO, device or socket); leave out --output to write to stdout`);
    if (kind === "missing" && (await io.pathKind(dirname(file))) !== "folder") {
      throw new UsageError("bad-output", `--output "${file}": the folder ${dirname(file)} does not exist; create it first`);
    }
  }
}

/** Write one output file whole (io.writeFileAtomic); a failure is a one-line error naming the file. */
export async function writeOutputFile(file: string, content: string | Uint8Array, io: Io): Promise<void> {
  try {
    await io.writeFileAtomic(file, content);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError("bad-output", `cannot write --output "${file}" (${code === "EACCES" || code === "EPERM" ? "permission denied" : code === "ENOSPC" ? "no space left on the device" : (code ?? "error")}); nothing was written`);
  }
}

/** Render every output first, then write: a formatter that throws leaves no file half-written. */
export async function writeOutputs<Format extends string>(targets: readonly OutputTarget<Format>[], render: (target: OutputTarget<Format>) => string, io: Io): Promise<void> {
  const rendered = targets.map((target) => ({ target, text: render(target) }));
  for (const { target, text } of rendered) {
    if (target.file !== undefined) await writeOutputFile(target.file, text, io);
  }
  for (const { target, text } of rendered) if (target.file === undefined) io.writeOut(text);
}

/** GitHub's limit on one step's summary (1 MiB); what the step appended before counts too. */
export const stepSummaryLimit = 1024 * 1024;

/**
 * Append markdown to the file GITHUB_STEP_SUMMARY names, cut at a line so that the step's summary
 * stays under GitHub's limit, with a line saying it was cut.
 */
export async function appendStepSummary(markdown: string, io: Io): Promise<void> {
  const path = io.env.GITHUB_STEP_SUMMARY;
  if (!path) {
    io.writeErr("--step-summary: GITHUB_STEP_SUMMARY is not set (not running in GitHub Actions?); no summary written\n");
    return;
  }
  let existing = 0;
  try {
    existing = Buffer.byteLength(await io.readText(path), "utf8");
  } catch {
    // A summary file not written yet is empty.
  }
  await io.appendText(path, fitSummary(markdown, stepSummaryLimit - existing));
}

/** The markdown itself when it fits in budget bytes, else its first whole lines and a note. */
export function fitSummary(markdown: string, budget: number): string {
  const text = markdown.endsWith("\n") ? markdown : `${markdown}\n`;
  if (Buffer.byteLength(text, "utf8") <= budget) return text;
  const note = "\n> Cut here to stay under GitHub's 1 MiB step-summary limit; the full report is the markdown output (`-f markdown -o report.md`).\n";
  const room = budget - Buffer.byteLength(note, "utf8");
  if (room <= 0) return "";
  const lines = text.split("\n");
  const kept: string[] = [];
  let size = 0;
  for (const line of lines) {
    const bytes = Buffer.byteLength(line, "utf8") + 1;
    if (size + bytes > room) break;
    kept.push(line);
    size += bytes;
  }
  return `${kept.join("\n")}\n${note}`;
}
