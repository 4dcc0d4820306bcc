/** The YYYY-MM-DD day of a date or date-time string, checked to be a real calendar day. */
export function calendarDay(isoDate: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})(?:T.*)?$/.exec(isoDate);
  const day = match?.[1];
  if (day === undefined) throw new RangeError(`expected a date written YYYY-MM-DD, got "${isoDate}"`);
  const parsed = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== day) {
    throw new RangeError(`"${isoDate}" is not a real calendar date`);
  }
  return day;
}
