// The routes the web app serves, read from its route files: the authorization matrix and the
// reliability fuzz each assert they cover all of them, so a new route file fails both until it has
// rows and cases.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The routes the web app serves: every `route.ts` under apps/web/src/app/api, per method. */
export function appRouteFiles(): string[] {
  const root = path.join(import.meta.dirname, '../../../apps/web/src/app/api');
  const routes: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/^route\.(ts|tsx|js)$/.test(entry.name)) {
        const source = readFileSync(full, 'utf8');
        const methods = new Set<string>();
        for (const m of source.matchAll(
          /export\s+(?:async\s+)?(?:function|const)\s+(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS)\b/g,
        ))
          methods.add(m[1] as string);
        for (const m of source.matchAll(/export\s*\{([^}]*)\}/g))
          for (const name of (m[1] as string).matchAll(
            /\b(?:as\s+)?(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS)\b/g,
          ))
            methods.add(name[1] as string);
        const route = `/api/${path.relative(root, dir)}`
          .split(path.sep)
          .join('/')
          .replace(/\[([^\]]+)\]/g, '{$1}');
        for (const method of methods) routes.push(`${method} ${route}`);
      }
    }
  };
  walk(root);
  return routes.sort();
}
