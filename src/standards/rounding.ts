/**
 * Rounding as the standards require it: GB/T 8170 for concentrations, and exact integer ceiling for
 * the IAQI interpolation.
 */

/**
 * Significant digits kept when a double is read as the decimal it stands for. Measured values never
 * carry more than a handful of digits, while arithmetic noise (0.1 + 0.2, sums of 24 hourly means)
 * sits in the 15th-17th digit, so 12 digits keep every real digit and drop all the noise.
 */
const SIGNIFICANT_DIGITS = 12;

/** The decimal a double stands for once binary noise is dropped: 0.30000000000000004 -> 0.3. */
export function stripBinaryNoise(value: number): number {
  if (!Number.isFinite(value)) return value;
  // `+ 0` turns -0 into 0 so that callers never print "-0".
  return Number(value.toPrecision(SIGNIFICANT_DIGITS)) + 0;
}

interface DecimalParts {
  negative: boolean;
  /** All significant digits as one integer. */
  digits: bigint;
  /** value = digits × 10^exponent */
  exponent: number;
}

function decimalParts(value: number): DecimalParts {
  const text = Math.abs(value).toPrecision(SIGNIFICANT_DIGITS);
  const match = /^(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(text);
  if (!match) throw new Error(`cannot read ${text} as a decimal`);
  const fraction = match[2] ?? "";
  return {
    negative: value < 0,
    digits: BigInt(`${match[1] ?? "0"}${fraction}`),
    exponent: Number(match[3] ?? "0") - fraction.length,
  };
}

/**
 * Round to `decimals` places by GB/T 8170 (四舍六入五成双): a dropped part of exactly one half goes to
 * the even neighbour, anything more goes up. The decision is taken on the decimal the number stands
 * for, not on its binary value, so 0.15 to one place is 0.2 although the double 0.15 is slightly
 * below 0.15. Negative `decimals` round to tens, hundreds, and so on.
 */
export function roundHalfEven(value: number, decimals = 0): number {
  if (!Number.isInteger(decimals)) throw new RangeError(`decimals must be an integer, got ${decimals}`);
  if (!Number.isFinite(value)) return value;
  const { negative, digits, exponent } = decimalParts(value);
  const shift = exponent + decimals;
  let scaled: bigint;
  if (shift >= 0) {
    scaled = digits * 10n ** BigInt(shift);
  } else {
    const divisor = 10n ** BigInt(-shift);
    const kept = digits / divisor;
    const twiceDropped = (digits % divisor) * 2n;
    const roundUp = twiceDropped > divisor || (twiceDropped === divisor && kept % 2n === 1n);
    scaled = roundUp ? kept + 1n : kept;
  }
  if (scaled === 0n) return 0;
  return Number(`${negative ? "-" : ""}${scaled}e${-decimals}`);
}

/**
 * ⌈numerator / denominator⌉ for integers, computed from the exact remainder so that a quotient
 * that is whole in decimal never picks up a spurious +1 from floating-point division.
 */
export function ceilDiv(numerator: number, denominator: number): number {
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator) || denominator === 0) {
    throw new RangeError(`ceilDiv needs safe integers and a non-zero denominator, got ${numerator} / ${denominator}`);
  }
  const [top, bottom] = denominator < 0 ? [-numerator, -denominator] : [numerator, denominator];
  const remainder = top % bottom;
  const truncated = (top - remainder) / bottom;
  return remainder > 0 ? truncated + 1 : truncated;
}
