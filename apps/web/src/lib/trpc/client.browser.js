// The browser's `@trpc/client` (next.config.ts aliases it for the browser build only): what the
// app and @trpc/tanstack-react-query use, from the package's own TypeScript sources, so the
// WebSocket link, local link and the other links' code, which the package's single bundled entry
// always carries, stay out. client-browser.test.ts fails when a name the app uses is missing.
export {
  createTRPCClient,
  createTRPCClientProxy,
  getUntypedClient,
} from '../../../node_modules/@trpc/client/src/createTRPCClient.ts';
export { TRPCUntypedClient } from '../../../node_modules/@trpc/client/src/internals/TRPCUntypedClient.ts';
export { httpBatchStreamLink } from '../../../node_modules/@trpc/client/src/links/httpBatchStreamLink.ts';
export { httpSubscriptionLink } from '../../../node_modules/@trpc/client/src/links/httpSubscriptionLink.ts';
export { splitLink } from '../../../node_modules/@trpc/client/src/links/splitLink.ts';
export {
  isTRPCClientError,
  TRPCClientError,
} from '../../../node_modules/@trpc/client/src/TRPCClientError.ts';
