// Start-up check (called from instrumentation.ts): a configuration error ends the process with
// its one line instead of a stack trace, so the operator sees which variable to fix.
import { describeModes } from '@zatten/api/server';
import { getServerConfig } from './config';

export function startServer(): void {
  try {
    const config = getServerConfig();
    console.log(`zatten: ${describeModes(config)}`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
