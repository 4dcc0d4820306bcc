import type { DataSource } from "../read/files.js";
import type { Messages } from "../report/messages.js";
import { terminal } from "../report/escape.js";
import { displayWidth, truncate } from "../report/layout.js";

/**
 * Progress on stderr while data files are read, for a person watching a terminal: the file, bytes
 * read of its size, rows and the rate, redrawn in place on one line. Shown only when stderr is a
 * terminal and only once a read has taken a while (short runs print nothing); the line is erased
 * when reading ends, so the report and diagnostics that follow are what stays on screen.
 */
export interface ProgressOptions {
  write(text: string): void;
  columns?: number | undefined;
  messages: Messages;
  /** Milliseconds, from any origin: the clock is injected so tests need no real time. */
  now(): number;
  /** A file's size in bytes, when known. */
  size(file: string): Promise<number | undefined>;
  /** Nothing is shown before a read has lasted this long (ms). */
  after?: number;
  /** The line is redrawn at most this often (ms). */
  every?: number;
}

export interface Progress {
  /** The same source, counting the bytes it yields. */
  watch(source: DataSource): DataSource;
  /** Called by the reading layer for each row read (readDataFiles' onRow). */
  row(file: string): void;
  /** Erase the line; call when reading is over, also after an error. */
  end(): void;
}

export function readingProgress(options: ProgressOptions): Progress {
  const after = options.after ?? 1000;
  const every = options.every ?? 200;
  const started = options.now();
  let shown = false;
  let lastDrawn = -Infinity;
  let current = { file: "", bytes: 0, size: undefined as number | undefined, rows: 0, since: started };

  const draw = () => {
    const now = options.now();
    if (now - started < after || now - lastDrawn < every) return;
    lastDrawn = now;
    const seconds = Math.max((now - current.since) / 1000, 0.001);
    const line = (file: string) =>
      options.messages.progress({
        file: terminal(file),
        done: megabytes(current.bytes),
        total: current.size === undefined ? "?" : megabytes(current.size),
        rows: count(current.rows),
        rate: `${megabytes(current.bytes / seconds)}/s`,
        seconds: ((now - started) / 1000).toFixed(1),
      });
    const width = (options.columns ?? 80) - 1;
    // One line that never wraps, so it is redrawn in place: where it is too wide, the folders go first, then its end.
    const full = line(current.file);
    const fitted = displayWidth(full) <= width ? full : line(current.file.split(/[\\/]/).at(-1) ?? current.file);
    options.write(`\r${truncate(fitted, width)}\u001b[K`);
    shown = true;
  };

  return {
    watch: (source) => ({
      file: source.file,
      open: () => {
        // A file read again (as GB18030 after a UTF-8 try) starts its count again.
        const sized = options.size(source.file);
        current = { file: source.file, bytes: 0, size: undefined, rows: 0, since: options.now() };
        const file = current;
        void sized.then((size) => (file.size = size), () => undefined);
        return counted(source.open(), (length) => {
          file.bytes += length;
          draw();
        });
      },
    }),
    // Files are read one after another, so a row belongs to the file open now (a workbook's sheets are named file[sheet]).
    row: () => {
      current.rows += 1;
      // The clock is read once per thousand rows: rows come by the million.
      if (current.rows % 1000 === 0) draw();
    },
    end: () => {
      if (shown) options.write("\r\u001b[K");
      shown = false;
    },
  };
}

async function* counted(chunks: AsyncIterable<Uint8Array>, onChunk: (length: number) => void): AsyncIterable<Uint8Array> {
  for await (const chunk of chunks) {
    onChunk(chunk.length);
    yield chunk;
  }
}

function megabytes(bytes: number): string {
  if (bytes < 1_000_000) return `${Math.round(bytes / 1000)} kB`;
  return `${(bytes / 1_000_000).toFixed(bytes < 10_000_000 ? 1 : 0)} MB`;
}

function count(rows: number): string {
  return rows >= 10_000 ? `${Math.round(rows / 1000)}k` : String(rows);
}
