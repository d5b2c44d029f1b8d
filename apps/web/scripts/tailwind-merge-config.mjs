// Writes src/lib/tailwind-merge-config.ts: the part of tailwind-merge's default configuration
// that the classes written in src/ need, so `cn` does not ship the whole default (about 7 kB gzip
// of class groups, theme scales and validators in every page's first load).
//
// Every string in the source is split into words; each word that the default configuration
// knows as a Tailwind class is looked up the way twMerge looks it up (tailwind-merge's own
// build-time lookup, `createClassGroupLookup`), and the looked-up names are kept, literally, in
// the class group the default puts them in. Conflicts between the kept groups are copied as they
// are. So for any two classes written in src/, `cn` merges exactly as the default twMerge does;
// src/lib/cn.test.ts checks every such pair and fails, naming this script, when a class was added
// without running it again:
//
//   node apps/web/scripts/tailwind-merge-config.mjs
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { getDefaultConfig } from 'tailwind-merge';
import { createClassGroupLookup } from 'tailwind-merge/unstable-do-not-import';
import ts from 'typescript';

const WEB_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SRC_DIR = path.join(WEB_DIR, 'src');
const OUTPUT = path.join(SRC_DIR, 'lib/tailwind-merge-config.ts');

/** The source files whose strings can reach `cn` (tests and the generated config excepted). */
function sourceFiles(dir = SRC_DIR) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(file);
    if (!/\.tsx?$/.test(entry.name) || /\.test\.tsx?$/.test(entry.name)) return [];
    if (file === OUTPUT) return [];
    return [file];
  });
}

/** The text of every string literal and template part in a file, found by TypeScript's parser. */
function stringsOf(file) {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
  const strings = [];
  const visit = (node) => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      strings.push(node.text);
    } else if (ts.isTemplateExpression(node)) {
      strings.push(node.head.text, ...node.templateSpans.map((span) => span.literal.text));
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return strings;
}

const defaultConfig = getDefaultConfig();
const lookup = createClassGroupLookup(defaultConfig);

/**
 * Every word in the source's strings that the default twMerge treats as a Tailwind class, with
 * the names it looks up for it and their class groups.
 */
export function sourceClasses() {
  const classes = new Map();
  for (const file of sourceFiles()) {
    for (const text of stringsOf(file)) {
      for (const word of text.split(/\s+/)) {
        if (!word || classes.has(word)) continue;
        const matches = lookup(word);
        if (matches.length > 0) classes.set(word, matches);
      }
    }
  }
  return classes;
}

/** The configuration for `createTailwindMerge`, as plain data. */
export function reducedConfig(classes = sourceClasses()) {
  // group id -> names, as twMerge looks them up (the sign of a negative value is not part of it).
  const groups = new Map();
  for (const matches of classes.values()) {
    for (const { className, classGroupId } of matches) {
      // Arbitrary properties (`[scrollbar-width:thin]`) are recognised without configuration.
      if (classGroupId.startsWith('arbitrary..')) continue;
      const name = className.startsWith('-') ? className.slice(1) : className;
      if (!groups.has(classGroupId)) groups.set(classGroupId, new Set());
      groups.get(classGroupId).add(name);
    }
  }
  const used = (id) => groups.has(id);
  const keep = (record) =>
    Object.fromEntries(
      Object.entries(record)
        .filter(([id]) => used(id))
        .map(([id, others]) => [id, others.filter(used)])
        .filter(([, others]) => others.length > 0)
        .sort(([a], [b]) => a.localeCompare(b)),
    );
  return {
    cacheSize: defaultConfig.cacheSize,
    theme: {},
    classGroups: Object.fromEntries(
      [...groups.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([id, names]) => [id, compact([...names].sort())]),
    ),
    conflictingClassGroups: keep(defaultConfig.conflictingClassGroups),
    conflictingClassGroupModifiers: keep(defaultConfig.conflictingClassGroupModifiers),
    orderSensitiveModifiers: defaultConfig.orderSensitiveModifiers,
    postfixLookupClassGroups: (defaultConfig.postfixLookupClassGroups ?? []).filter(used),
  };
}

/**
 * A group's names in tailwind-merge's nested form: `['p-2', 'p-4']` becomes `[{ p: ['2', '4'] }]`
 * (the same class map, fewer bytes); names of one part stay as they are.
 */
function compact(names) {
  const single = [];
  const byFirst = new Map();
  for (const name of names) {
    const dash = name.indexOf('-');
    if (dash <= 0) {
      single.push(name);
      continue;
    }
    const first = name.slice(0, dash);
    if (!byFirst.has(first)) byFirst.set(first, []);
    byFirst.get(first).push(name.slice(dash + 1));
  }
  const nested = [...byFirst.entries()].map(([first, rests]) => ({ [first]: rests }));
  return [...single, ...nested];
}

function write() {
  const config = reducedConfig();
  const text = [
    '// Generated by scripts/tailwind-merge-config.mjs from the classes written in src/: do not edit.',
    '// Run `node apps/web/scripts/tailwind-merge-config.mjs` after adding a class (cn.test.ts says when).',
    "import type { Config } from 'tailwind-merge';",
    '',
    `export const tailwindMergeConfig: Config<string, string> = ${JSON.stringify(config, null, 2)};`,
    '',
  ].join('\n');
  writeFileSync(OUTPUT, text);
  const biome = path.join(WEB_DIR, '../../node_modules/.bin/biome');
  execFileSync(biome, ['format', '--write', OUTPUT], { stdio: 'ignore' });
  const groups = Object.keys(config.classGroups).length;
  console.log(`${path.relative(process.cwd(), OUTPUT)}: ${groups} class groups`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) write();
