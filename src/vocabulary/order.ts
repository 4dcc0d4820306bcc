/**
 * Text order by UTF-16 code units, the same on every machine. localeCompare and Intl.Collator
 * follow the process's locale (LANG=zh_CN.UTF-8 orders file names and areas differently from
 * C.UTF-8), and an order decides which row is the duplicate and which file wins a conflict.
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
