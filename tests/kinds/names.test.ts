import { describe, expect, it } from "vitest";
import { rawKinds } from "../../src/kinds/index.js";
import { kindNames } from "../../src/kinds/names.js";

describe("kind names", () => {
  it("lists the general format and every registered raw kind, in detection order", () => {
    expect(kindNames).toEqual(["observations", ...rawKinds.map((kind) => kind.id)]);
  });
});
