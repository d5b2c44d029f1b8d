// Writes docs/benchmarks.md: a header (machine, versions) and one section per benchmark between
// `<!-- bench:<id>:start -->` / `<!-- bench:<id>:end -->` markers. A rerun replaces only the
// sections it measured, so sections written by other scripts (the web app's chat-view bench) and
// by partial runs (`--only`) stay as they were.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_DIR } from './processes';
import type { Section } from './section';

const FILE = path.join(REPO_DIR, 'docs/benchmarks.md');

function block(id: string, body: string): string {
  return `<!-- bench:${id}:start -->\n${body.trim()}\n<!-- bench:${id}:end -->`;
}

export function replaceSection(document: string, id: string, body: string): string {
  const pattern = new RegExp(`<!-- bench:${id}:start -->[\\s\\S]*?<!-- bench:${id}:end -->`);
  return pattern.test(document)
    ? document.replace(pattern, () => block(id, body))
    : `${document.trimEnd()}\n\n${block(id, body)}\n`;
}

/** `header` is null for a partial run (`--only`): the last full run's header stays. */
export function writeReport(
  header: string | null,
  sections: Section[],
  notes: Record<string, string>,
) {
  let document = existsSync(FILE)
    ? readFileSync(FILE, 'utf8')
    : '# Benchmarks\n\nWritten by `pnpm bench` (bench/); never asserted in tests.\n';
  if (header !== null) document = replaceSection(document, 'header', header);
  for (const section of sections) {
    const note = notes[section.id];
    document = replaceSection(
      document,
      section.id,
      [`## ${section.title}`, '', section.body, ...(note ? ['', note] : [])].join('\n'),
    );
  }
  writeFileSync(FILE, document.endsWith('\n') ? document : `${document}\n`);
  // The repository's formatter owns Markdown too (pnpm lint checks it): align the tables its way.
  execFileSync(path.join(REPO_DIR, 'node_modules/.bin/biome'), ['format', '--write', FILE], {
    stdio: 'ignore',
  });
  console.log(`wrote ${path.relative(process.cwd(), FILE)}`);
}
