/** ` (did you mean "x"?)` for the closest known name, or nothing when none is close. */
export function suggest(name: string, known: readonly string[]): string {
  return closest(name, known, known.map((candidate) => candidate.toLowerCase()));
}

/**
 * suggest() over a fixed list of names, each distinct name worked out once: a file with a million
 * rows of one misspelt name asks a million times. The cache is bounded, like memoise().
 */
export function suggester(known: readonly string[]): (name: string) => string {
  const lowered = known.map((candidate) => candidate.toLowerCase());
  const cache = new Map<string, string>();
  return (name) => {
    let found = cache.get(name);
    if (found === undefined) {
      found = closest(name, known, lowered);
      if (cache.size < 10_000) cache.set(name, found);
    }
    return found;
  };
}

// Two rows of the edit-distance table, reused: no allocation per candidate.
let previousRow = new Int32Array(64);
let currentRow = new Int32Array(64);

function closest(name: string, known: readonly string[], lowered: readonly string[]): string {
  const best = closestIndex(name, lowered);
  return best >= 0 ? ` (did you mean "${known[best]}"?)` : "";
}

/**
 * The index of the candidate (given lower-cased) closest to name, when it is close enough to be a
 * likely slip; else -1. For callers that word the suggestion themselves.
 */
export function closestIndex(name: string, lowered: readonly string[]): number {
  // One or two characters are too little to guess from: "x" is two edits from any short id.
  if (name.length < 3) return -1;
  const limit = Math.max(2, Math.floor(name.length / 3));
  const lower = name.toLowerCase();
  let best = -1;
  // Only distances within the limit matter, and only ones below the best so far: a candidate is
  // given up as soon as it cannot beat them, so a long or far-off name costs little.
  let bound = limit;
  for (let index = 0; index < lowered.length; index += 1) {
    const distance = editDistanceWithin(lower, lowered[index]!, bound);
    if (distance <= bound) {
      best = index;
      bound = distance - 1;
      if (bound < 0) break;
    }
  }
  return best;
}

/** The edit distance of a and b if it is at most `bound`, else any number above `bound`. */
function editDistanceWithin(a: string, b: string, bound: number): number {
  // Names whose lengths differ by more than 10 are never alike enough to suggest.
  if (Math.abs(a.length - b.length) > Math.min(bound, 10)) return bound + 1;
  if (previousRow.length <= b.length) {
    previousRow = new Int32Array(b.length + 1);
    currentRow = new Int32Array(b.length + 1);
  }
  let previous = previousRow;
  let current = currentRow;
  for (let j = 0; j <= b.length; j += 1) previous[j] = j;
  for (let i = 1; i <= a.length; i += 1) {
    const char = a.charCodeAt(i - 1);
    current[0] = i;
    let rowMinimum = i;
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = previous[j - 1]! + (char === b.charCodeAt(j - 1) ? 0 : 1);
      const deletion = previous[j]! + 1;
      const insertion = current[j - 1]! + 1;
      const value = substitution < deletion ? (substitution < insertion ? substitution : insertion) : deletion < insertion ? deletion : insertion;
      current[j] = value;
      if (value < rowMinimum) rowMinimum = value;
    }
    if (rowMinimum > bound) return bound + 1;
    [previous, current] = [current, previous];
  }
  return previous[b.length]!;
}
