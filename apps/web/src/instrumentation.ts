// Runs once when the server starts: validates the environment so a bad setting stops the app
// at once with a line naming it, rather than at the first request.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  await import('./env');
}
