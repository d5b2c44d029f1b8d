// Writes src/router.generated.ts from @zatten/api's AppRouter (see router-types.ts for why).
import { writeFile } from 'node:fs/promises';
import { generateRouterTypes } from './router-types';

export const GENERATED = new URL('../src/router.generated.ts', import.meta.url);

await writeFile(GENERATED, await generateRouterTypes());
console.log(`wrote ${GENERATED.pathname}`);
