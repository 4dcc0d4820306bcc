import { nodeIo } from "./io.js";
import { main } from "./main.js";

/** The process boundary: the only place that sets the exit code. */
export async function runFromProcess(): Promise<void> {
  process.exitCode = await main(process.argv, nodeIo);
}
