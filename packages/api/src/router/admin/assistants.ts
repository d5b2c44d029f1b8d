// The assistants console: every assistant (archived too, instructions included), its change
// history, create, edit, archive, restore, and a preview reply with draft settings. Admins only;
// writes go through the service path with the admin named as the author of the change.
import type { TRPCRouterRecord } from '@trpc/server';
import {
  createAssistant,
  listAllAssistants,
  listAssistantChanges,
  setActor,
  setAssistantArchived,
  updateAssistant,
  withService,
} from '@zatten/db';
import { z } from 'zod';
import { DomainError } from '../../errors';
import { idSchema } from '../../schemas';
import { adminProcedure } from '../../trpc';
import { previewReply } from './preview';
import { assistantDraftInput, assistantIdInput } from './schemas';

export const adminAssistantsRouter = {
  list: adminProcedure.query(({ ctx }) =>
    withService(ctx.services.database, (tx) => listAllAssistants(tx)),
  ),

  history: adminProcedure
    .input(assistantIdInput)
    .query(({ ctx, input }) =>
      withService(ctx.services.database, (tx) => listAssistantChanges(tx, input.id)),
    ),

  create: adminProcedure.input(assistantDraftInput).mutation(({ ctx, input }) =>
    withService(ctx.services.database, async (tx) => {
      await setActor(tx, ctx.userId);
      return createAssistant(tx, input);
    }),
  ),

  update: adminProcedure
    .input(z.object({ id: idSchema, draft: assistantDraftInput }))
    .mutation(({ ctx, input }) =>
      withService(ctx.services.database, async (tx) => {
        await setActor(tx, ctx.userId);
        return updateAssistant(tx, input.id, input.draft);
      }),
    ),

  archive: adminProcedure.input(assistantIdInput).mutation(({ ctx, input }) =>
    withService(ctx.services.database, async (tx) => {
      await setActor(tx, ctx.userId);
      return setAssistantArchived(tx, input.id, true);
    }),
  ),

  restore: adminProcedure.input(assistantIdInput).mutation(({ ctx, input }) =>
    withService(ctx.services.database, async (tx) => {
      await setActor(tx, ctx.userId);
      return setAssistantArchived(tx, input.id, false);
    }),
  ),

  /** One reply from the draft settings, in a throwaway conversation; nothing is stored. */
  preview: adminProcedure
    .input(
      z.object({
        draft: assistantDraftInput,
        message: z.string().trim().min(1, 'must not be empty').max(4000),
      }),
    )
    .mutation(async ({ ctx, input, signal }) => {
      if (!ctx.services.ai.configured) {
        throw new DomainError(
          'precondition_failed',
          'not_configured',
          'No AI provider is configured, so a preview cannot run.',
        );
      }
      return previewReply(ctx.services.ai, ctx.userId, input.draft, input.message, signal);
    }),
} satisfies TRPCRouterRecord;
