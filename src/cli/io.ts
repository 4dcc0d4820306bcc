import { issue } from "../vocabulary/catalogue.js";
import { constants, rmSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { appendFile, lstat, open, readdir, readlink, realpath, rename, rm, stat, type FileHandle } from "node:fs/promises";
import { basename, dirname, join, resolve, sep } from "node:path";
import type { Issue } from "../vocabulary/issues.js";
import { compareText } from "../vocabulary/order.js";
import { listedFileName } from "../vocabulary/spreadsheets.js";

/** Everything the command line needs from the outside world; tests pass a fake. */
export interface Io {
  /** A whole text file of at most maxBytes (default: the plan's bound, 5 MB). */
  readText(path: string, maxBytes?: number): Promise<string>;
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
  /** What a path names, through links: a regular file, a folder, something else, or nothing. */
  pathKind(path: string): Promise<"file" | "folder" | "other" | "missing">;
  writeOut(text: string): void;
  writeErr(text: string): void;
  stdoutIsTerminal: boolean;
  /** The terminal's width in columns, when stdout is a terminal that says. */
  stdoutColumns?: number | undefined;
  stderrIsTerminal?: boolean;
  /** The width of the terminal stderr writes to (the progress line), when it is one. */
  stderrColumns?: number | undefined;
  env: Readonly<Record<string, string | undefined>>;
}

const maxFolderDepth = 32;

/**
 * The most zz-plan reads from one data file: 1 GiB, ten times a year of hourly readings of every
 * monitoring station in Henan. Reading is streamed, so the bound is on time, not memory: a file
 * larger than this (or one that grows past it while read) ends with a clear error, never a run
 * that seems to hang.
 */
export const maxDataFileBytes = 1024 ** 3;

/** The most read from a plan file: 5 MB, some fifty times the bundled plan. */
export const maxPlanFileBytes = 5 * 1024 ** 2;

/** The most read from an earlier report (--baseline, diff): 100 MB, read whole to compare. */
export const maxReportFileBytes = 100 * 1024 ** 2;

export const nodeIo: Io = {
  readText: async (path, maxBytes = maxPlanFileBytes) => {
    const handle = await openRegular(path, maxBytes);
    try {
      return new TextDecoder().decode(await readAllBounded(handle, maxBytes));
    } finally {
      await handle.close();
    }
  },
  openBytes: (path) => openBytes(path),
  listDataFiles,
  writeFileAtomic,
  appendText: (path, text) => appendFile(path, text, "utf8"),
  fileIdentity,
  pathKind,
  writeOut: (text) => process.stdout.write(text),
  writeErr: (text) => process.stderr.write(text),
  stdoutIsTerminal: process.stdout.isTTY === true,
  stdoutColumns: process.stdout.isTTY === true ? process.stdout.columns : undefined,
  stderrIsTerminal: process.stderr.isTTY === true,
  stderrColumns: process.stderr.isTTY === true ? process.stderr.columns : undefined,
  env: process.env,
};

async function pathKind(path: string): Promise<"file" | "folder" | "other" | "missing"> {
  try {
    const info = await stat(path);
    return info.isFile() ? "file" : info.isDirectory() ? "folder" : "other";
  } catch {
    return "missing";
  }
}

async function fileIdentity(path: string): Promise<string | undefined> {
  try {
    const info = await stat(path, { bigint: true });
    return `${info.dev}:${info.ino}`;
  } catch {
    return undefined;
  }
}

const notRegular = "not a regular file (a FIFO, device or socket): it is not read";

/** A file larger than the bound for its use; its code is EFBIG, as the system's own would be. */
export class FileTooLargeError extends Error {
  readonly code = "EFBIG";
  constructor(readonly limit: number) {
    super(`the file is larger than ${describeBytes(limit)}, the most zz-plan reads from one file`);
  }
}

/** 1 GiB, 5 MB: bounds as the README states them. */
export function describeBytes(bytes: number): string {
  if (bytes >= 1024 ** 3 && bytes % 1024 ** 3 === 0) return `${bytes / 1024 ** 3} GiB`;
  return `${Math.round(bytes / 1024 ** 2)} MB`;
}

/**
 * Open a file for reading only if it is a regular file of at most maxBytes. O_NONBLOCK makes
 * opening a FIFO return at once instead of waiting for a writer; fstat on the open handle then
 * refuses it, so nothing can swap the file between the check and the read.
 */
async function openRegular(path: string, maxBytes: number): Promise<FileHandle> {
  const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  const info = await handle.stat();
  if (!info.isFile() || info.size > maxBytes) {
    await handle.close();
    if (!info.isFile()) throw Object.assign(new Error(`${path}: ${notRegular}`), { code: "EFTYPE" });
    throw new FileTooLargeError(maxBytes);
  }
  return handle;
}

/** The whole file, refused once it passes maxBytes (it may grow after it was opened). */
async function readAllBounded(handle: FileHandle, maxBytes: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of readChunks(handle, maxBytes)) chunks.push(chunk);
  return Buffer.concat(chunks);
}

async function* readChunks(handle: FileHandle, maxBytes: number): AsyncGenerator<Uint8Array> {
  let total = 0;
  for (;;) {
    const buffer = new Uint8Array(256 * 1024);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
    if (bytesRead === 0) return;
    total += bytesRead;
    if (total > maxBytes) throw new FileTooLargeError(maxBytes);
    yield buffer.subarray(0, bytesRead);
  }
}

/** A data file's bytes in chunks; maxBytes is a parameter only so that tests can make it small. */
export async function* openBytes(path: string, maxBytes = maxDataFileBytes): AsyncGenerator<Uint8Array> {
  const handle = await openRegular(path, maxBytes);
  try {
    yield* readChunks(handle, maxBytes);
  } finally {
    await handle.close();
  }
}

/**
 * The data files the paths name. A path given on the command line is followed wherever it leads
 * (the user named it); inside a searched folder a symbolic link is followed only when it stays
 * within that folder: a link out of it (to a file elsewhere, to a folder above, to /) is reported
 * and not read, so a link can neither pull outside files into a report nor walk the file system.
 * One file named several ways (./a.csv, a link, a folder holding it) is listed once: files are
 * told apart by device and inode.
 */
async function listDataFiles(paths: readonly string[]): Promise<{ files: string[]; issues: Issue[] }> {
  const listing: Listing = { files: [], issues: [], folders: new Set(), fileIds: new Map(), found: 0 };
  for (const path of paths) {
    let info;
    try {
      info = await stat(path, { bigint: true });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      listing.issues.push(issue(
        code === "ELOOP" ? "symlink-loop" : "file-not-found",
        code === "ELOOP" ? "a symbolic link loop" : code === "EACCES" ? "permission denied" : "no such file or folder",
        { location: { file: path } },
      ));
      continue;
    }
    if (!info.isDirectory()) {
      if (info.isFile()) addFile(listing, path, `${info.dev}:${info.ino}`);
      else listing.issues.push(issue("file-unreadable", notRegular, { location: { file: path } }));
      continue;
    }
    const before = listing.found;
    let root: string;
    try {
      root = await realpath(path);
    } catch {
      listing.issues.push(issue("symlink-loop", "a folder that cannot be resolved (a symbolic link loop?)", { location: { file: path } }));
      continue;
    }
    if (listing.folders.has(root)) {
      listing.issues.push(issue("file-given-twice", "this folder is already searched as part of another path given; it is read once", { location: { file: path } }));
      continue;
    }
    await walk(listing, path, root, 0);
    if (listing.found === before) {
      listing.issues.push(issue("no-data-files", "the folder holds no .csv, .json or spreadsheet files", { location: { file: path } }));
    }
  }
  return { files: listing.files, issues: listing.issues };
}

interface Listing {
  files: string[];
  issues: Issue[];
  /** Real paths of the folders walked: each is walked once. */
  folders: Set<string>;
  /** Device and inode of each file listed, and the name it was first listed under. */
  fileIds: Map<string, string>;
  /** Data files found, counting each name of one file. */
  found: number;
}

function addFile(listing: Listing, path: string, id: string): void {
  listing.found += 1;
  const first = listing.fileIds.get(id);
  if (first === undefined) {
    listing.fileIds.set(id, path);
    listing.files.push(path);
  } else {
    const message = first === path ? "the same file is named twice; it is read once" : `the same file as ${first}; it is read once`;
    listing.issues.push(issue("file-given-twice", message, { location: { file: path } }));
  }
}

/** Whether real path lies in (or is) the real folder root. */
function isWithin(path: string, root: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : `${root}${sep}`);
}

async function walk(listing: Listing, folder: string, root: string, depth: number): Promise<void> {
  const { issues } = listing;
  let real: string;
  try {
    real = await realpath(folder);
  } catch {
    issues.push(issue("symlink-loop", "a folder that cannot be resolved (a symbolic link loop?)", { location: { file: folder } }));
    return;
  }
  // A folder reached twice (through a link within the searched folder) is walked once.
  if (listing.folders.has(real)) return;
  if (depth > maxFolderDepth) {
    issues.push(issue("folder-too-deep", `folders nested deeper than ${maxFolderDepth} are not searched`, { location: { file: folder } }));
    return;
  }
  listing.folders.add(real);
  let entries;
  try {
    entries = await readdir(folder, { withFileTypes: true });
  } catch {
    issues.push(issue("file-unreadable", "the folder cannot be read (permission denied?)", { location: { file: folder } }));
    return;
  }
  entries.sort((a, b) => compareText(a.name, b.name));
  for (const entry of entries) {
    const path = join(folder, entry.name);
    if (entry.name.startsWith(".")) continue;
    if (!entry.isSymbolicLink() && !entry.isDirectory() && !listedFileName.test(entry.name)) continue;
    let target: string;
    let info;
    try {
      target = entry.isSymbolicLink() ? await realpath(path) : path;
      info = await stat(target, { bigint: true });
    } catch {
      // The one place symlink-loop is a warning: a link met while searching a folder was not asked
      // for and is skipped, where a path named on the command line that loops is an error.
      issues.push({ ...issue("symlink-loop", "a symbolic link that leads nowhere (or round in a loop) is skipped", { location: { file: path } }), severity: "warning" });
      continue;
    }
    if (entry.isSymbolicLink() && !isWithin(target, root)) {
      if (info.isDirectory() || listedFileName.test(entry.name)) {
        issues.push(issue(
          "symlink-outside",
          `a symbolic link to ${target}, outside the folder searched: it is not followed`,
          { location: { file: path }, hint: "name that file or folder on the command line to read it" },
        ));
      }
      continue;
    }
    if (info.isDirectory()) await walk(listing, path, root, depth + 1);
    // Spreadsheets are listed too: one that cannot be read is reported, never skipped in silence.
    else if (!listedFileName.test(entry.name)) continue;
    else if (info.isFile()) addFile(listing, path, `${info.dev}:${info.ino}`);
    else issues.push(issue("file-unreadable", notRegular, { location: { file: path } }));
  }
}

/** Temporary files being written now: on SIGINT or SIGTERM they are removed before the process exits. */
const pendingTemporaries = new Set<string>();

/** Remove the temporary files of writes still in progress; synchronous, for a signal handler. */
export function removePendingTemporaries(): void {
  for (const path of pendingTemporaries) rmSync(path, { force: true });
  pendingTemporaries.clear();
}

type WriteContent = (handle: FileHandle, content: string | Uint8Array) => Promise<void>;

/**
 * Write a whole file so that it is either as it was or the complete new text: the text goes to a
 * temporary file beside the target, which is then renamed over it (a rename within one folder is
 * atomic). Through a symbolic link the link's target is written and the link kept. A failure, or
 * a signal (removePendingTemporaries), leaves no temporary file behind. write is a parameter only
 * so that tests can make it fail or pause half-way.
 */
export async function writeFileAtomic(path: string, content: string | Uint8Array, write: WriteContent = (handle, data) => handle.writeFile(data, "utf8")): Promise<void> {
  const target = await followLinks(path);
  const temporary = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString("hex")}.tmp`);
  pendingTemporaries.add(temporary);
  try {
    // An existing report keeps its permissions; a new one gets the usual ones (less the umask).
    const mode = await stat(target).then((info) => info.mode & 0o777, () => 0o666);
    const handle = await open(temporary, "wx", mode);
    try {
      await write(handle, content);
    } finally {
      await handle.close();
    }
    await rename(temporary, target);
  } finally {
    pendingTemporaries.delete(temporary);
    await rm(temporary, { force: true });
  }
}

/** The path a chain of symbolic links ends at (which may not exist yet), or path itself. */
async function followLinks(path: string): Promise<string> {
  let current = path;
  for (let hop = 0; hop < 40; hop += 1) {
    const info = await lstat(current).catch(() => undefined);
    if (!info?.isSymbolicLink()) return current;
    current = resolve(dirname(current), await readlink(current));
  }
  throw Object.assign(new Error(`${path}: a symbolic link loop`), { code: "ELOOP" });
}
