// First-load JS of the dashboard (/) and a chat (/c/[id]) from the production build: every script
// the server-rendered HTML loads, gzipped as a CDN would serve it.
import { gzipSync } from 'node:zlib';
import { call } from '../http';
import { type Section, table } from '../section';
import { fmt } from '../stats';
import type { BenchUser, Zatten } from '../zatten';

async function firstLoad(zatten: Zatten, user: BenchUser, path: string) {
  const page = await call('GET', `${zatten.url}${path}`, { headers: { cookie: user.cookie } });
  if (page.status !== 200) throw new Error(`${path} answered ${page.status}`);
  const sources = [
    ...new Set([...page.text.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1] ?? '')),
  ];
  let raw = 0;
  let gzip = 0;
  for (const src of sources) {
    const script = await call('GET', new URL(src, zatten.url).toString());
    raw += Buffer.byteLength(script.text);
    gzip += gzipSync(script.text).byteLength;
  }
  return { scripts: sources.length, raw: raw / 1024, gzip: gzip / 1024 };
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
    rows.push([label, String(result.scripts), fmt(result.raw, 0), fmt(result.gzip, 0)]);
    console.log(`- first-load JS ${label}: ${fmt(result.gzip, 0)} kB gzip (target ≤ 200 kB)`);
  }
  return {
    id: 'web',
    title: 'First-load JS (production build, local mode)',
    body: [
      'Every `<script src>` of the server-rendered page, fetched and gzipped (default level). Target ≤ 200 kB gzip each; the Markdown and highlighting work belongs to the chat-view rewrite (issue 14).',
      '',
      table(['page', 'scripts', 'raw kB', 'gzip kB'], rows),
    ].join('\n'),
  };
}
