import { constants, createReadStream } from "node:fs";
import { appendFile, mkdtemp, open, readdir, readFile, realpath, rename, rm, stat, writeFile, type FileHandle } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import type { Issue } from "../vocabulary/issues.js";
import { compareText } from "../vocabulary/order.js";
import { listedFileName } from "../vocabulary/spreadsheets.js";

/** Everything the command line needs from the outside world; tests pass a fake. */
export interface Io {
  readText(path: string): Promise<string>;
  openBytes(path: string): AsyncIterable<Uint8Array>;
  /** Data files named by paths: files as given, folders searched recursively for .csv, .json and spreadsheets. */
  listDataFiles(paths: readonly string[]): Promise<{ files: string[]; issues: Issue[] }>;
  /** Write a whole file so that a failed run never leaves half of it. */
  writeFileAtomic(path: string, content: string | Uint8Array): Promise<void>;
  /** Add to the end of a file (GitHub's step summary), creating it when missing. */
  appendText(path: string, text: string): Promise<void>;
  /**
   * Which file a path names (device and inode, through links and any spelling), or undefined
   * when nothing is there: two paths name one file exactly when their identities are equal.
   */
  fileIdentity(path: string): Promise<string | undefined>;
  writeOut(text: string): void;
  writeErr(text: string): void;
  stdoutIsTerminal: boolean;
  /** The terminal's width in columns, when stdout is a terminal that says. */
  stdoutColumns?: number | undefined;
  stderrIsTerminal?: boolean;
  env: Readonly<Record<string, string | undefined>>;
}

const maxFolderDepth = 32;

export const nodeIo: Io = {
  readText: async (path) => {
    const handle = await openRegular(path);
    try {
      return await handle.readFile("utf8");
    } finally {
      await handle.close();
    }
  },
  openBytes,
  listDataFiles,
  writeFileAtomic,
  appendText: (path, text) => appendFile(path, text, "utf8"),
  fileIdentity,
  writeOut: (text) => process.stdout.write(text),
  writeErr: (text) => process.stderr.write(text),
  stdoutIsTerminal: process.stdout.isTTY === true,
  stdoutColumns: process.stdout.isTTY === true ? process.stdout.columns : undefined,
  stderrIsTerminal: process.stderr.isTTY === true,
  env: process.env,
};

async function fileIdentity(path: string): Promise<string | undefined> {
  try {
    const info = await stat(path, { bigint: true });
    return `${info.dev}:${info.ino}`;
  } catch {
    return undefined;
  }
}

const notRegular = "not a regular file (a FIFO, device or socket): it is not read";

/**
 * Open a file for reading only if it is a regular file. O_NONBLOCK makes opening a FIFO return at
 * once instead of waiting for a writer; fstat on the open handle then refuses it, so nothing can
 * swap the file between the check and the read.
 */
async function openRegular(path: string): Promise<FileHandle> {
  const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  const info = await handle.stat();
  if (!info.isFile()) {
    await handle.close();
    throw Object.assign(new Error(`${path}: ${notRegular}`), { code: "EFTYPE" });
  }
  return handle;
}

async function* openBytes(path: string): AsyncGenerator<Uint8Array> {
  const handle = await openRegular(path);
  try {
    for (;;) {
      const buffer = new Uint8Array(256 * 1024);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) return;
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    await handle.close();
  }
}

async function listDataFiles(paths: readonly string[]): Promise<{ files: string[]; issues: Issue[] }> {
  const files: string[] = [];
  const issues: Issue[] = [];
  const seen = new Set<string>();
  for (const path of paths) {
    let info;
    try {
      info = await stat(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      issues.push({
        code: code === "ELOOP" ? "symlink-loop" : "file-not-found",
        severity: "error",
        message: code === "ELOOP" ? "a symbolic link loop" : code === "EACCES" ? "permission denied" : "no such file or folder",
        location: { file: path },
      });
      continue;
    }
    if (!info.isDirectory()) {
      if (info.isFile()) files.push(path);
      else issues.push({ code: "file-unreadable", severity: "error", message: notRegular, location: { file: path } });
      continue;
    }
    const before = files.length;
    await walk(path, 0, files, issues, seen);
    if (files.length === before) {
      issues.push({ code: "no-data-files", severity: "error", message: "the folder holds no .csv, .json or spreadsheet files", location: { file: path } });
    }
  }
  return { files, issues };
}

async function walk(folder: string, depth: number, files: string[], issues: Issue[], seen: Set<string>): Promise<void> {
  let real: string;
  try {
    real = await realpath(folder);
  } catch {
    issues.push({ code: "symlink-loop", severity: "error", message: "a folder that cannot be resolved (a symbolic link loop?)", location: { file: folder } });
    return;
  }
  // A folder reached twice (through a link back up the tree) is walked once.
  if (seen.has(real) || depth > maxFolderDepth) {
    if (depth > maxFolderDepth) issues.push({ code: "folder-too-deep", severity: "warning", message: `folders nested deeper than ${maxFolderDepth} are not searched`, location: { file: folder } });
    return;
  }
  seen.add(real);
  let entries;
  try {
    entries = await readdir(folder, { withFileTypes: true });
  } catch {
    issues.push({ code: "file-unreadable", severity: "error", message: "the folder cannot be read (permission denied?)", location: { file: folder } });
    return;
  }
  entries.sort((a, b) => compareText(a.name, b.name));
  for (const entry of entries) {
    const path = join(folder, entry.name);
    if (entry.name.startsWith(".")) continue;
    let isDirectory = entry.isDirectory();
    if (entry.isSymbolicLink()) {
      try {
        isDirectory = (await stat(path)).isDirectory();
      } catch {
        issues.push({ code: "symlink-loop", severity: "warning", message: "a symbolic link that leads nowhere (or round in a loop) is skipped", location: { file: path } });
        continue;
      }
    }
    if (isDirectory) await walk(path, depth + 1, files, issues, seen);
    // Spreadsheets are listed too: one that cannot be read is reported, never skipped in silence.
    else if (!listedFileName.test(entry.name)) continue;
    else if (entry.isFile() || entry.isSymbolicLink()) files.push(path);
    else issues.push({ code: "file-unreadable", severity: "error", message: notRegular, location: { file: path } });
  }
}

async function writeFileAtomic(path: string, content: string | Uint8Array): Promise<void> {
  const folder = dirname(path);
  const staging = await mkdtemp(join(folder, `.${basename(path)}.`));
  const temporary = join(staging, basename(path));
  try {
    await writeFile(temporary, content, "utf8");
    await rename(temporary, path);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
