import { defineConfig } from "vitest/config";

// A test's timeout guards against hangs, not speed (speed is measured by `npm run bench`): on a
// busy 2-core machine the property and large-file tests take several times their usual time.
export default defineConfig({
  test: { testTimeout: 60_000, hookTimeout: 60_000 },
});
