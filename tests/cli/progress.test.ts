import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { readingProgress } from "../../src/cli/progress.js";
import { displayWidth } from "../../src/report/layout.js";
import { messagesFor } from "../../src/report/messages.js";
import { captureIo } from "../helpers/io.js";

/** A terminal that records what is written to it, and a clock that moves only when told. */
function fakeTerminal(columns = 80) {
  const writes: string[] = [];
  let time = 0;
  return {
    writes,
    tick: (ms: number) => (time += ms),
    options: { write: (text: string) => writes.push(text), columns, now: () => time, size: async () => 61_000_000, messages: messagesFor("zh") },
  };
}

async function drain(chunks: AsyncIterable<Uint8Array>): Promise<void> {
  for await (const chunk of chunks) void chunk;
}

/** A source of n chunks of size bytes, with the clock moving step ms before each. */
function source(file: string, n: number, size: number, terminal: ReturnType<typeof fakeTerminal>, step: number) {
  return {
    file,
    open: async function* () {
      for (let index = 0; index < n; index += 1) {
        terminal.tick(step);
        yield new Uint8Array(size);
      }
    },
  };
}

describe("progress on stderr while reading", () => {
  it("shows nothing for a read shorter than a second", async () => {
    const terminal = fakeTerminal();
    const progress = readingProgress(terminal.options);
    await drain(progress.watch(source("air.csv", 5, 1000, terminal, 100)).open());
    for (let row = 0; row < 5000; row += 1) progress.row("air.csv");
    progress.end();
    expect(terminal.writes).toEqual([]);
  });

  it("shows the file, bytes of its size, rows, rate and time on one line redrawn in place, then erases it", async () => {
    const terminal = fakeTerminal();
    const progress = readingProgress(terminal.options);
    const watched = progress.watch(source("zz100.csv", 40, 1_000_000, terminal, 200));
    // Let the size lookup settle before the bytes flow.
    const chunks = watched.open();
    await Promise.resolve();
    let rows = 0;
    for await (const chunk of chunks) {
      void chunk;
      for (let row = 0; row < 12_000; row += 1) progress.row("zz100.csv");
      rows += 12_000;
    }
    progress.end();
    expect(rows).toBe(480_000);
    expect(terminal.writes.length).toBeGreaterThan(5);
    for (const write of terminal.writes.slice(0, -1)) {
      expect(write).toMatch(/^\r读取 zz100\.csv：[\d.]+ MB \/ 61 MB，\d+k? 行，[\d.]+ MB\/s，[\d.]+ 秒\u001b\[K$/);
      expect(write).not.toContain("\n");
    }
    expect(terminal.writes).toContain("\r读取 zz100.csv：40 MB / 61 MB，468k 行，5.0 MB/s，8.0 秒\u001b[K");
    expect(terminal.writes.at(-1)).toBe("\r\u001b[K");
  });

  it("keeps the line within the terminal's width and shows a file name's control characters as escapes", async () => {
    const terminal = fakeTerminal(40);
    const progress = readingProgress(terminal.options);
    await drain(progress.watch(source("一个很长的文件名\u001b[31m郑州市各区县.csv", 20, 1_000_000, terminal, 200)).open());
    progress.end();
    const lines = terminal.writes.slice(0, -1);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      expect(displayWidth(line.replace(/^\r/, "").replace(/\u001b\[K$/, ""))).toBeLessThanOrEqual(39);
      expect(line.slice(1, -3)).not.toContain("\u001b");
    }
  });

  it("writes nothing to stderr when stderr is not a terminal, and leaves no progress behind when it is", async () => {
    for (const stderrIsTerminal of [false, true]) {
      const io = { ...captureIo(), stderrIsTerminal };
      await main(["node", "zz-plan", "validate", "fixtures/water.csv"], io);
      expect(io.err()).not.toMatch(/\r|\u001b\[K|读取|reading/);
    }
  });
});
