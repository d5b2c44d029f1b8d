// What the machine is and how busy it was: CPU model, cores, load averages, and the CPU time and
// resident memory of a process tree (a server and any children it spawned), read from /proc.
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';

const TICKS_PER_SECOND = 100; // Linux USER_HZ

export function loadAverage(): string {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
}

export function machineSummary(): string {
  const cpus = os.cpus();
  return `${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${os.type()} ${os.release()}, Node ${process.version}`;
}

interface ProcStat {
  pid: number;
  ppid: number;
  cpuTicks: number;
  rssPages: number;
}

function readStat(pid: number): ProcStat | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may contain spaces: split after the last ')'.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return {
      pid,
      ppid: Number(fields[1]),
      cpuTicks: Number(fields[11]) + Number(fields[12]),
      rssPages: Number(fields[21]),
    };
  } catch {
    return null;
  }
}

function tree(root: number): ProcStat[] {
  const all: ProcStat[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (stat) all.push(stat);
  }
  const members = new Set([root]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const stat of all) {
      if (!members.has(stat.pid) && members.has(stat.ppid)) {
        members.add(stat.pid);
        grew = true;
      }
    }
  }
  return all.filter((stat) => members.has(stat.pid));
}

/** CPU seconds (user + system) used so far by `pid` and its descendants. */
export function cpuSeconds(pid: number): number {
  return tree(pid).reduce((sum, stat) => sum + stat.cpuTicks, 0) / TICKS_PER_SECOND;
}

/** Resident memory of `pid` and its descendants, in MiB. */
export function rssMiB(pid: number): number {
  const pageSize = 4096;
  return (tree(pid).reduce((sum, stat) => sum + stat.rssPages, 0) * pageSize) / 2 ** 20;
}
