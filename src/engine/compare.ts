import type { Operator } from "../plan/schema.js";

export function meets(value: number, operator: Operator, threshold: number): boolean {
  // Compare at the precision values are published with, so 40.00000001 still meets <= 40.
  const a = round(value, 9);
  const b = round(threshold, 9);
  switch (operator) {
    case "<=":
      return a <= b;
    case "<":
      return a < b;
    case ">=":
      return a >= b;
    case ">":
      return a > b;
    case "==":
      return a === b;
  }
}

function round(value: number, digits: number): number {
  return Number(value.toFixed(digits));
}
