// Types of tailwind-merge-config.mjs, for src/lib/cn.test.ts.
import type { Config } from 'tailwind-merge';

/** Each class written in src/ that twMerge knows, with the names it looks up and their groups. */
export function sourceClasses(): Map<string, { className: string; classGroupId: string }[]>;
/** The reduced configuration the script writes, as data. */
export function reducedConfig(
  classes?: Map<string, { className: string; classGroupId: string }[]>,
): Config<string, string>;
