// Builds the published package: ESM JavaScript and one bundled declaration file. The router type
// comes from src/router.generated.ts, so nothing of the server is bundled or imported.
import { defineConfig } from 'tsdown';

export default defineConfig({
  entry: ['src/index.ts'],
  format: 'esm',
  platform: 'neutral',
  target: 'es2023',
  dts: true,
  clean: true,
  sourcemap: true,
});
