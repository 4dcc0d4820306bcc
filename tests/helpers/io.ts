import { nodeIo, type Io } from "../../src/cli/io.js";

/** The real file system, with stdout and stderr captured and colour off. */
export function captureIo(): Io & { out: () => string; err: () => string } {
  let out = "";
  let err = "";
  return {
    ...nodeIo,
    writeOut: (text) => {
      out += text;
    },
    writeErr: (text) => {
      err += text;
    },
    stdoutIsTerminal: false,
    stdoutColumns: undefined,
    stderrIsTerminal: false,
    env: { NO_COLOR: "1" },
    out: () => out,
    err: () => err,
  };
}
