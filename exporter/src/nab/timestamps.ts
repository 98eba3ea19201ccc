// NAB timestamps look like "2014-04-10 07:15:00" in data files and "2014-04-10 07:15:00.000000" in label
// files; both are naive wall-clock times. Read them as UTC so that equal strings give equal numbers and
// hour-of-day / day-of-week stay as written.

const PATTERN = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?$/;

export function parseNabTimestamp(text: string): number {
  const m = PATTERN.exec(text.trim());
  if (m === null) throw new Error(`not a NAB timestamp: ${JSON.stringify(text)}`);
  const ms = m[7] === undefined ? 0 : Math.floor(Number(`0.${m[7]}`) * 1000);
  return Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6], ms);
}
