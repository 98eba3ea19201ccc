// CPU time of processes from /proc (Linux): figures per point that a busy machine disturbs far less than
// rates, since they count only the work done, not the waiting for a core.
import { readdirSync, readFileSync } from 'node:fs';

const CLOCK_TICKS = 100; // USER_HZ on Linux

/** Fields of /proc/<pid>/stat after the command name (field 3 is index 0). */
function statFields(pid: number): string[] | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return text.slice(text.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/** User + system CPU seconds of a process; with `reaped`, also of its children that have exited. */
export function cpuSeconds(pid: number, reaped = false): number | undefined {
  const f = statFields(pid);
  if (!f) return undefined;
  const ticks = Number(f[11]) + Number(f[12]) + (reaped ? Number(f[13]) + Number(f[14]) : 0);
  return ticks / CLOCK_TICKS;
}

export function parentPid(pid: number): number | undefined {
  const f = statFields(pid);
  return f ? Number(f[1]) : undefined;
}

/** CPU seconds of a process tree one level deep (a PostgreSQL postmaster and its backends), exited ones too. */
export function treeCpuSeconds(pid: number): number | undefined {
  let total = cpuSeconds(pid, true);
  if (total === undefined) return undefined;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const child = Number(entry);
    if (parentPid(child) === pid) total += cpuSeconds(child) ?? 0;
  }
  return total;
}
