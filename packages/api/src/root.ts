// The root router: every domain router joined once.
import { apiKeyRouter } from './router/api-key';
import { assistantRouter } from './router/assistant';
import { branchRouter } from './router/branch';
import { chatRouter } from './router/chat';
import { eventsRouter } from './router/events';
import { meRouter } from './router/me';
import { messageRouter } from './router/message';
import { serviceRouter } from './router/service';
import { systemRouter } from './router/system';
import { createCallerFactory, createTRPCRouter } from './trpc';

export const appRouter = createTRPCRouter({
  me: meRouter,
  assistant: assistantRouter,
  chat: chatRouter,
  message: messageRouter,
  branch: branchRouter,
  apiKey: apiKeyRouter,
  service: serviceRouter,
  events: eventsRouter,
  system: systemRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
