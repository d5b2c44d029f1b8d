// Runs once when the server starts: validates the whole configuration so a bad setting stops the
// app at once with a line naming it (rather than at the first request), then logs the modes.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  try {
    // The configuration is validated while this module loads (src/env.ts).
    const { startServer } = await import('./server/start');
    startServer();
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
