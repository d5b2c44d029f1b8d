// A person's own instructions for every assistant.
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { PersonalInstructionsForm } from '~/components/account/personal-instructions-form';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('account.instructions');
  return { title: t('title') };
}

export default function Page() {
  return <PersonalInstructionsForm />;
}
