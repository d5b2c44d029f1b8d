// Personal instructions: "about me" and "how to answer" (each up to 1,500 characters), applied to
// every reply on top of the assistant's instructions, with a switch to turn them off everywhere
// (each chat can also turn them off for itself).
'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { type FormEvent, useEffect, useState } from 'react';
import { Field, fieldErrors } from '~/components/admin/field';
import { Card } from '~/components/admin/page-frame';
import { Button } from '~/components/ui/button';
import { Spinner } from '~/components/ui/spinner';
import { Textarea } from '~/components/ui/textarea';
import { useTRPC } from '~/lib/trpc/react';
import { SettingsFrame } from './settings-frame';

const MAX = 1500;

export function PersonalInstructionsForm() {
  const t = useTranslations('account.instructions');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const saved = useQuery(trpc.personal.get.queryOptions());
  const [aboutMe, setAboutMe] = useState('');
  const [howToAnswer, setHowToAnswer] = useState('');
  const [enabled, setEnabled] = useState(true);
  const [status, setStatus] = useState('');
  useEffect(() => {
    if (!saved.data) return;
    setAboutMe(saved.data.aboutMe);
    setHowToAnswer(saved.data.howToAnswer);
    setEnabled(saved.data.enabled);
  }, [saved.data]);
  const save = useMutation(
    trpc.personal.save.mutationOptions({
      onSuccess: (data) => {
        queryClient.setQueryData(trpc.personal.get.queryKey(), data);
        setStatus(t('saved'));
      },
    }),
  );
  const errors = fieldErrors(save.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setStatus('');
    save.mutate({ aboutMe, howToAnswer, enabled });
  };
  const counter = (text: string) => t('counter', { used: text.length, max: MAX });

  return (
    <SettingsFrame title={t('title')}>
      <p className="text-sm text-muted-foreground">{t('intro')}</p>
      {saved.isPending ? (
        <Spinner />
      ) : (
        <Card>
          <form onSubmit={submit} className="grid gap-4" noValidate>
            <Field
              label={t('aboutMe')}
              hint={`${t('aboutMeHint')} ${counter(aboutMe)}`}
              error={errors.aboutMe}
            >
              <Textarea
                value={aboutMe}
                rows={5}
                maxLength={MAX}
                onChange={(e) => setAboutMe(e.target.value)}
              />
            </Field>
            <Field
              label={t('howToAnswer')}
              hint={`${t('howToAnswerHint')} ${counter(howToAnswer)}`}
              error={errors.howToAnswer}
            >
              <Textarea
                value={howToAnswer}
                rows={5}
                maxLength={MAX}
                onChange={(e) => setHowToAnswer(e.target.value)}
              />
            </Field>
            <label className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                className="size-4 accent-primary"
                checked={enabled}
                onChange={(e) => setEnabled(e.target.checked)}
              />
              {t('enabled')}
            </label>
            <div className="flex items-center gap-3">
              <Button type="submit" disabled={save.isPending}>
                {save.isPending ? <Spinner /> : null}
                {t('save')}
              </Button>
              <p role="status" className="text-sm text-muted-foreground">
                {status}
              </p>
            </div>
            {save.error && !Object.keys(errors).length ? (
              <p role="alert" className="text-sm text-destructive">
                {save.error.message}
              </p>
            ) : null}
          </form>
        </Card>
      )}
    </SettingsFrame>
  );
}
