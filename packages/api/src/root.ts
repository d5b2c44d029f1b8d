// The root router: every domain router joined once.
import { adminRouter } from './router/admin';
import { apiKeyRouter } from './router/api-key';
import { assistantRouter } from './router/assistant';
import { attachmentRouter } from './router/attachment';
import { branchRouter } from './router/branch';
import { chatRouter } from './router/chat';
import { chatSettingsRouter } from './router/chat-settings';
import { eventsRouter } from './router/events';
import { feedbackRouter } from './router/feedback';
import { meRouter } from './router/me';
import { messageRouter } from './router/message';
import { personalRouter } from './router/personal';
import { portabilityRouter } from './router/portability';
import { serviceRouter } from './router/service';
import { shareRouter } from './router/share';
import { systemRouter } from './router/system';
import { usageRouter } from './router/usage';
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
  // Issue 18: the admin console, per-chat settings, personal instructions and usage.
  admin: adminRouter,
  chatSettings: chatSettingsRouter,
  personal: personalRouter,
  usage: usageRouter,
  // Issue 16: files in chats.
  attachment: attachmentRouter,
  // Issue 17: feedback on replies, share links, export and import.
  feedback: feedbackRouter,
  share: shareRouter,
  portability: portabilityRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
