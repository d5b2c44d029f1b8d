// Personal instructions: what a person tells every assistant about themselves and how they
// want answers, applied on top of the assistant's instructions (unless switched off).
import type { Executor } from '../scope';

export const ABOUT_ME_MAX = 1500;
export const HOW_TO_ANSWER_MAX = 1500;

export interface PersonalInstructions {
  aboutMe: string;
  howToAnswer: string;
  enabled: boolean;
  updatedAt: string | null;
}

export async function getPersonalInstructions(
  tx: Executor,
  userId: string,
): Promise<PersonalInstructions> {
  const row = await tx
    .selectFrom('personal_instructions')
    .select(['about_me', 'how_to_answer', 'enabled', 'updated_at'])
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return {
    aboutMe: row?.about_me ?? '',
    howToAnswer: row?.how_to_answer ?? '',
    enabled: row?.enabled ?? true,
    updatedAt: row?.updated_at ?? null,
  };
}

export async function savePersonalInstructions(
  tx: Executor,
  userId: string,
  input: { aboutMe: string; howToAnswer: string; enabled: boolean },
): Promise<PersonalInstructions> {
  const values = {
    about_me: input.aboutMe,
    how_to_answer: input.howToAnswer,
    enabled: input.enabled,
  };
  await tx
    .insertInto('personal_instructions')
    .values({ user_id: userId, ...values })
    .onConflict((oc) => oc.column('user_id').doUpdateSet(values))
    .execute();
  return getPersonalInstructions(tx, userId);
}

/** Switches the person's instructions on or off for one chat. */
export async function setChatPersonalInstructions(
  tx: Executor,
  chatId: string,
  enabled: boolean,
): Promise<boolean> {
  const row = await tx
    .updateTable('chats')
    .set({ personal_instructions: enabled })
    .where('id', '=', chatId)
    .returning('personal_instructions')
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * The assistant's instructions with the person's own appended, as one text for the request's
 * `instructions`. The person's text is labelled as theirs so the model weighs it as context, not
 * as the operator's rules.
 */
export function composeInstructions(
  assistantInstructions: string,
  personal: Pick<PersonalInstructions, 'aboutMe' | 'howToAnswer'> | null,
): string {
  const parts = [assistantInstructions.trim()];
  const about = personal?.aboutMe.trim();
  const how = personal?.howToAnswer.trim();
  if (about || how) {
    const lines = [
      'The person you are talking to wrote these notes for you. Follow them unless they conflict with the instructions above.',
    ];
    if (about) lines.push(`About them:\n${about}`);
    if (how) lines.push(`How they want you to answer:\n${how}`);
    parts.push(lines.join('\n\n'));
  }
  return parts.filter(Boolean).join('\n\n');
}
