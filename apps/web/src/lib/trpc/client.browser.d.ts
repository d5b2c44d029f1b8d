// Types of client.browser.js: the same names as @trpc/client's (a subset of them at run time).
export * from '@trpc/client';
