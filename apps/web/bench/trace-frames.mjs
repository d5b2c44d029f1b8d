// Summarizes a trace written by the chat-view benchmark (BENCH_CHAT_VIEW=streaming
// BENCH_TRACE=file.json): the page's main-thread tasks between its marks, each by the CPU time
// it took, split into script, style (elements restyled), layout (objects laid out), paint and
// the rest; then the median frame (a task that renders a frame) and what the long ones held.
// Usage: node bench/trace-frames.mjs file.json [--all]
import { readFileSync } from 'node:fs';

const file = process.argv[2];
if (!file) throw new Error('Usage: node bench/trace-frames.mjs trace.json [--all]');
const { traceEvents } = JSON.parse(readFileSync(file, 'utf8'));

const mark = (name) => traceEvents.find((event) => event.name === name)?.ts ?? 0;
const start = mark('long-tasks-start');
const end = mark('long-tasks-end') || Number.POSITIVE_INFINITY;
const main = new Set(
  traceEvents
    .filter((event) => event.name === 'thread_name' && event.args?.name === 'CrRendererMain')
    .map((event) => `${event.pid}:${event.tid}`),
);
const onMain = traceEvents.filter(
  (event) => main.has(`${event.pid}:${event.tid}`) && event.ts > start && event.ts < end,
);

const KIND = {
  FunctionCall: 'script',
  EvaluateScript: 'script',
  'v8.compile': 'script',
  TimerFire: 'script',
  FireAnimationFrame: 'script',
  RunMicrotasks: 'script',
  EventDispatch: 'script',
  'v8.run': 'script',
  GCEvent: 'gc',
  MinorGC: 'gc',
  MajorGC: 'gc',
  'BlinkGC.AtomicPhase': 'gc',
  UpdateLayoutTree: 'style',
  RecalculateStyles: 'style',
  Layout: 'layout',
  PrePaint: 'paint',
  Paint: 'paint',
  Layerize: 'paint',
  UpdateLayer: 'paint',
  CompositeLayers: 'paint',
  Commit: 'paint',
  ParseHTML: 'parse',
};

function kindOf(name) {
  if (KIND[name]) return KIND[name];
  if (name.startsWith('V8.GC') || name.includes('GC')) return 'gc';
  if (name.startsWith('IntersectionObserver')) return 'intersections';
  return undefined;
}

// Complete events nested by time: each task's self time per kind of its innermost known event.
const tasks = onMain
  .filter((event) => event.name === 'ThreadControllerImpl::RunTask' && event.ph === 'X')
  .sort((a, b) => a.ts - b.ts);
const inner = onMain
  .filter((event) => event.ph === 'X' && event.name !== 'ThreadControllerImpl::RunTask')
  .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));

let cursor = 0;
const rows = tasks.map((task) => {
  const taskEnd = task.ts + (task.dur ?? 0);
  while (cursor < inner.length && inner[cursor].ts < task.ts) cursor += 1;
  const events = [];
  for (let index = cursor; index < inner.length && inner[index].ts < taskEnd; index += 1) {
    events.push(inner[index]);
  }
  // Self time of each event (its time less its children's), counted to the kind of the
  // innermost event of a known kind around it.
  const kinds = {};
  let styled = 0;
  let laidOut = 0;
  let frame = false;
  const script = [];
  const open = [];
  const nodes = [];
  for (const event of events) {
    while (open.length && open.at(-1).end <= event.ts) open.pop();
    const parent = open.at(-1);
    const node = {
      end: event.ts + (event.dur ?? 0),
      dur: event.dur ?? 0,
      children: 0,
      kind: kindOf(event.name) ?? parent?.kind ?? 'other',
    };
    if (parent) parent.children += node.dur;
    open.push(node);
    nodes.push(node);
    if (event.name === 'UpdateLayoutTree') styled += event.args?.elementCount ?? 0;
    if (event.name === 'Layout') laidOut += event.args?.beginData?.dirtyObjects ?? 0;
    if (event.name === 'Layerize' || event.name === 'PrePaint') frame = true;
    if (['FunctionCall', 'TimerFire', 'FireAnimationFrame'].includes(event.name)) {
      const data = event.args?.data ?? {};
      const what = data.functionName || data.url?.split('/').at(-1) || '';
      script.push(`${event.name}:${what}:${Math.round(node.dur / 1000)}`);
    }
  }
  for (const node of nodes) kinds[node.kind] = (kinds[node.kind] ?? 0) + node.dur - node.children;
  const wall = task.dur ?? 1;
  const cpu = task.tdur ?? wall;
  const covered = Object.values(kinds).reduce((sum, value) => sum + value, 0);
  // Scale wall-clock self times to the task's CPU time.
  const ratio = cpu / wall;
  const split = Object.fromEntries(
    Object.entries(kinds).map(([kind, value]) => [kind, Math.round((value * ratio) / 1000)]),
  );
  split.untracked = Math.max(0, Math.round(((wall - covered) * ratio) / 1000));
  return { ts: task.ts, cpu: cpu / 1000, frame, styled, laidOut, split, script };
});

const long = rows.filter((row) => row.cpu > 50);
const frames = rows.filter((row) => row.frame);
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};
const sum = (list, pick) => list.reduce((total, row) => total + pick(row), 0);
const totals = (list) => {
  const out = {};
  for (const row of list)
    for (const [k, v] of Object.entries(row.split)) out[k] = (out[k] ?? 0) + v;
  return out;
};
console.log(
  JSON.stringify({
    window_s: Math.round((Math.min(end, rows.at(-1)?.ts ?? 0) - start) / 1e6),
    tasks: rows.length,
    long: long.length,
    longestMs: Math.round(Math.max(0, ...long.map((row) => row.cpu))),
    blockingMs: Math.round(sum(long, (row) => row.cpu - 50)),
    frames: frames.length,
    medianFrameMs: Math.round(median(frames.map((row) => row.cpu))),
    p90FrameMs: Math.round(
      [...frames.map((r) => r.cpu)].sort((a, b) => a - b)[Math.floor(frames.length * 0.9)] ?? 0,
    ),
    medianStyled: median(frames.map((row) => row.styled)),
    medianLaidOut: median(frames.map((row) => row.laidOut)),
    longFrames: long.filter((row) => row.frame).length,
    longTotalsMs: totals(long),
    frameTotalsMs: totals(frames),
    allTotalsMs: totals(rows),
  }),
);
const showAll = process.argv.includes('--all');
for (const row of showAll ? rows.filter((r) => r.cpu > 16) : long) {
  console.log(
    `${((row.ts - start) / 1e6).toFixed(2)}s ${Math.round(row.cpu)}ms frame=${row.frame} styled=${row.styled} laidOut=${row.laidOut} ${JSON.stringify(row.split)} ${row.script.slice(0, 6).join(' ')}`,
  );
}
