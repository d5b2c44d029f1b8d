// Personal instructions: "about me" and "how to answer", applied to every reply on top of the
// assistant's instructions (unless switched off here or per chat). Written under the person's
// own RLS scope.
import type { TRPCRouterRecord } from '@trpc/server';
import {
  ABOUT_ME_MAX,
  getPersonalInstructions,
  HOW_TO_ANSWER_MAX,
  savePersonalInstructions,
  withUser,
} from '@zatten/db';
import { z } from 'zod';
import { protectedProcedure } from '../trpc';

export const personalInstructionsInput = z.object({
  aboutMe: z.string().trim().max(ABOUT_ME_MAX, `must be at most ${ABOUT_ME_MAX} characters`),
  howToAnswer: z
    .string()
    .trim()
    .max(HOW_TO_ANSWER_MAX, `must be at most ${HOW_TO_ANSWER_MAX} characters`),
  enabled: z.boolean(),
});

export const personalRouter = {
  get: protectedProcedure.query(({ ctx }) =>
    withUser(ctx.services.database, ctx.userId, (tx) => getPersonalInstructions(tx, ctx.userId)),
  ),
  save: protectedProcedure
    .input(personalInstructionsInput)
    .mutation(({ ctx, input }) =>
      withUser(ctx.services.database, ctx.userId, (tx) =>
        savePersonalInstructions(tx, ctx.userId, input),
      ),
    ),
} satisfies TRPCRouterRecord;
