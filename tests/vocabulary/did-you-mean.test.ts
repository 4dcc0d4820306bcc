import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { suggest } from "../../src/vocabulary/did-you-mean.js";

/** The plain definition: the first known name at the least edit distance, if within the limit. */
function reference(name: string, known: readonly string[]): string {
  if (name.length < 3) return "";
  const distance = (a: string, b: string): number => {
    if (Math.abs(a.length - b.length) > 10) return Infinity;
    let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
    for (let i = 1; i <= a.length; i += 1) {
      const current = [i];
      for (let j = 1; j <= b.length; j += 1) current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
    return previous[b.length]!;
  };
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const d = distance(name.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(name.length / 3)) ? ` (did you mean "${best}"?)` : "";
}

describe("did you mean", () => {
  it("suggests what the plain definition suggests, giving up early on far candidates", () => {
    const word = fc.string({ unit: fc.constantFrom("a", "b", "c", "d", "-", "区", "中"), maxLength: 14 });
    fc.assert(fc.property(word, fc.array(word, { maxLength: 8 }), (name, known) => suggest(name, known) === reference(name, known)), { numRuns: 300 });
  });

  it("names the closest indicator, and nothing for a far-off name", () => {
    const known = ["pm25-annual-mean", "dust-fall", "good-day-ratio"];
    expect(suggest("dust-fal", known)).toBe(' (did you mean "dust-fall"?)');
    expect(suggest("PM25-Anual-Mean", known)).toBe(' (did you mean "pm25-annual-mean"?)');
    expect(suggest("x".repeat(100_000), known)).toBe("");
    expect(suggest("zzzzzzzz", known)).toBe("");
  });
});
