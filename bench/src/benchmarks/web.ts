// First-load JS of the dashboard (/) and a chat (/c/[id]) from the production build: every script
// the server-rendered HTML loads, gzipped as a CDN would serve it. Next's `nomodule` polyfills are
// counted apart: a browser that runs modules (every browser the app supports) never fetches them.
import { appendFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { call } from '../http';
import { type Section, table } from '../section';
import { fmt } from '../stats';
import type { BenchUser, Zatten } from '../zatten';

async function firstLoad(zatten: Zatten, user: BenchUser, path: string) {
  const page = await call('GET', `${zatten.url}${path}`, { headers: { cookie: user.cookie } });
  if (page.status !== 200) throw new Error(`${path} answered ${page.status}`);
  const tags = [...page.text.matchAll(/<script([^>]*)>/g)].map((m) => m[1] ?? '');
  const sourcesOf = (nomodule: boolean) => [
    ...new Set(
      tags
        .filter((attributes) => /\bnomodule\b/i.test(attributes) === nomodule)
        .map((attributes) => /\bsrc="([^"]+)"/.exec(attributes)?.[1])
        .filter((src): src is string => Boolean(src)),
    ),
  ];
  const measure = async (sources: string[]) => {
    let raw = 0;
    let gzip = 0;
    for (const src of sources) {
      const script = await call('GET', new URL(src, zatten.url).toString());
      raw += Buffer.byteLength(script.text);
      gzip += gzipSync(script.text).byteLength;
    }
    return { scripts: sources.length, raw: raw / 1024, gzip: gzip / 1024 };
  };
  // BENCH_WEB_SCRIPTS=<file>: one JSON line per page with its scripts, to attribute their bytes.
  if (process.env.BENCH_WEB_SCRIPTS)
    appendFileSync(
      process.env.BENCH_WEB_SCRIPTS,
      `${JSON.stringify({ path, scripts: sourcesOf(false) })}\n`,
    );
  return { ...(await measure(sourcesOf(false))), nomodule: await measure(sourcesOf(true)) };
}

export async function webBenchmark(targets: {
  zatten: Zatten;
  user: BenchUser;
  chatId: string;
}): Promise<Section> {
  const pages = [
    ['/ (dashboard)', '/'],
    ['/c/[id] (a chat)', `/c/${targets.chatId}`],
  ] as const;
  const rows: string[][] = [];
  for (const [label, path] of pages) {
    const result = await firstLoad(targets.zatten, targets.user, path);
    rows.push([
      label,
      String(result.scripts),
      fmt(result.raw, 0),
      fmt(result.gzip, 0),
      fmt(result.nomodule.gzip, 0),
    ]);
    console.log(
      `- first-load JS ${label}: ${fmt(result.gzip, 0)} kB gzip (target ≤ 200 kB), nomodule polyfill ${fmt(result.nomodule.gzip, 0)} kB apart`,
    );
  }
  return {
    id: 'web',
    title: 'First-load JS (production build, local mode)',
    body: [
      "Every `<script src>` of the server-rendered page that a browser with modules runs, fetched and gzipped (default level). Target ≤ 200 kB gzip each. The last column is Next's `nomodule` polyfill script, which such browsers never fetch (counted in the total before 1 December).",
      '',
      table(['page', 'scripts', 'raw kB', 'gzip kB', 'nomodule gzip kB'], rows),
    ].join('\n'),
  };
}
