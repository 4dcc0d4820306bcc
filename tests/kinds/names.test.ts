import { describe, expect, it } from "vitest";
import { kinds } from "../../src/kinds/index.js";
import { kindNames } from "../../src/kinds/names.js";

describe("kind names", () => {
  it("lists the general format, the fallback tried last, then every other kind in detection order", () => {
    expect(kinds.at(-1)?.id).toBe("observations");
    expect(kindNames).toEqual(["observations", ...kinds.slice(0, -1).map((kind) => kind.id)]);
  });
});
