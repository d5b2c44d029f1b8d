// `cn` runs on a reduced tailwind-merge configuration (only the class groups written in src/).
// It must merge every class the app writes exactly as the default twMerge would: a class added
// without regenerating the configuration fails here, with the command to run.
import { twMerge } from 'tailwind-merge';
import { describe, expect, it } from 'vitest';
import { reducedConfig, sourceClasses } from '../../scripts/tailwind-merge-config.mjs';
import { cn } from './cn';
import { tailwindMergeConfig } from './tailwind-merge-config';

const RERUN =
  'run `node apps/web/scripts/tailwind-merge-config.mjs` and commit src/lib/tailwind-merge-config.ts';

describe('cn', () => {
  const classes = [...sourceClasses().keys()];

  it('finds the classes written in the source', () => {
    expect(classes).toContain('px-2.5');
    expect(classes).toContain('md:opacity-0');
    expect(classes.length).toBeGreaterThan(100);
  });

  // About 180,000 ordered pairs: a few seconds, more on a busy machine.
  it('merges every pair of classes written in src/ as the default twMerge does', () => {
    const differences: string[] = [];
    for (const first of classes) {
      for (const second of classes) {
        const input = `${first} ${second}`;
        const expected = twMerge(input);
        const actual = cn(input);
        if (actual !== expected) differences.push(`"${input}": "${actual}", twMerge "${expected}"`);
      }
    }
    expect(differences.slice(0, 20), RERUN).toEqual([]);
  }, 60_000);

  it('is the configuration the script generates from today’s source', () => {
    expect(tailwindMergeConfig, RERUN).toEqual(reducedConfig());
  }, 30_000);

  it('still merges conditional and overriding classes', () => {
    expect(cn('px-2 py-1', false && 'hidden', 'px-4')).toBe('py-1 px-4');
    expect(cn('p-2', 'px-3')).toBe('p-2 px-3');
    expect(cn('px-3', 'p-2')).toBe('p-2');
    expect(cn('text-sm', 'text-muted-foreground')).toBe('text-sm text-muted-foreground');
    expect(cn('size-8', 'size-6')).toBe('size-6');
    expect(cn('md:opacity-0', 'md:opacity-100')).toBe('md:opacity-100');
    expect(cn('not-a-tailwind-class', 'other')).toBe('not-a-tailwind-class other');
  });
});
