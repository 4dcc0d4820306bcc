import { nodeIo, removePendingTemporaries } from "./io.js";
import { main } from "./main.js";

/** The conventional exit codes of a run stopped by a signal: 128 + its number. */
const signalExitCodes = { SIGINT: 130, SIGTERM: 143 } as const;

/**
 * The process boundary: the only place that sets the exit code. A run stopped by Ctrl-C or a
 * SIGTERM removes the temporary file of a report being written, so that only a complete report or
 * none is left, then exits 130 or 143. A reader of stdout that goes away (zz-plan check | head)
 * is no crash.
 */
export async function runFromProcess(): Promise<void> {
  for (const [signal, code] of Object.entries(signalExitCodes)) {
    process.once(signal, () => {
      removePendingTemporaries();
      process.exit(code);
    });
  }
  // The rest of the output has nowhere to go; the run still ends with its own exit code.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE" && error.code !== "ERR_STREAM_DESTROYED") throw error;
  });
  process.exitCode = await main(process.argv, nodeIo);
}
