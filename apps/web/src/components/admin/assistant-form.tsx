// The assistant editor: every setting with its limits, the model picked from the provider's list
// (a datalist, so any id can still be typed when the list is empty or the provider is down), who
// may use it, starter prompts, and a preview reply with the draft before saving.
'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import type { RouterInputs, RouterOutputs } from '@zatten/api';
import { useTranslations } from 'next-intl';
import { type FormEvent, useId, useState } from 'react';
import { Button } from '~/components/ui/button';
import { Input } from '~/components/ui/input';
import { Spinner } from '~/components/ui/spinner';
import { Textarea } from '~/components/ui/textarea';
import { useTRPC } from '~/lib/trpc/react';
import { Field, fieldErrors } from './field';

export type AdminAssistant = RouterOutputs['admin']['assistants']['list'][number];
type Draft = RouterInputs['admin']['assistants']['create'];

export function draftOf(assistant: AdminAssistant | null): Draft {
  return {
    name: assistant?.name ?? '',
    description: assistant?.description ?? '',
    model: assistant?.model ?? '',
    instructions: assistant?.instructions ?? '',
    temperature: assistant?.temperature ?? null,
    maxOutputTokens: assistant?.max_output_tokens ?? null,
    starterPrompts: assistant?.starter_prompts ?? [],
    visibility: (assistant?.visibility as Draft['visibility']) ?? 'everyone',
    allowedUsers: assistant?.allowed_users ?? [],
  };
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

export function AssistantForm({
  assistant,
  onSaved,
  onCancel,
}: {
  assistant: AdminAssistant | null;
  onSaved: () => void;
  onCancel: () => void;
}) {
  const t = useTranslations('admin.assistants');
  const trpc = useTRPC();
  const initial = draftOf(assistant);
  const [draft, setDraft] = useState(initial);
  const [starters, setStarters] = useState((initial.starterPrompts ?? []).join('\n'));
  const [allowed, setAllowed] = useState((initial.allowedUsers ?? []).join('\n'));
  const [temperature, setTemperature] = useState(initial.temperature?.toString() ?? '');
  const [maxTokens, setMaxTokens] = useState(initial.maxOutputTokens?.toString() ?? '');
  const [previewText, setPreviewText] = useState('');
  const models = useQuery(trpc.admin.models.list.queryOptions(undefined, { staleTime: 60_000 }));
  const modelsId = useId();

  const build = (): Draft => ({
    ...draft,
    temperature: temperature.trim() === '' ? null : Number(temperature),
    maxOutputTokens: maxTokens.trim() === '' ? null : Number(maxTokens),
    starterPrompts: lines(starters),
    allowedUsers: lines(allowed.replace(/,/g, '\n')),
  });

  const create = useMutation(trpc.admin.assistants.create.mutationOptions({ onSuccess: onSaved }));
  const update = useMutation(trpc.admin.assistants.update.mutationOptions({ onSuccess: onSaved }));
  const preview = useMutation(trpc.admin.assistants.preview.mutationOptions());
  const saving = create.isPending || update.isPending;
  const error = create.error ?? update.error;
  const errors = fieldErrors(error);
  const draftKey = (key: string) => errors[key] ?? errors[`draft.${key}`];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const value = build();
    if (assistant) update.mutate({ id: assistant.id, draft: value });
    else create.mutate(value);
  };
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) =>
    setDraft((current) => ({ ...current, [key]: value }));

  return (
    <form onSubmit={submit} className="grid gap-4" noValidate aria-label={t('formLabel')}>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label={t('name')} error={draftKey('name')}>
          <Input
            value={draft.name}
            maxLength={100}
            onChange={(e) => set('name', e.target.value)}
            required
          />
        </Field>
        <Field
          label={t('model')}
          hint={models.data && !models.data.reachable ? t('modelsUnreachable') : t('modelHint')}
          error={draftKey('model')}
        >
          <Input
            value={draft.model}
            list={modelsId}
            maxLength={100}
            autoComplete="off"
            onChange={(e) => set('model', e.target.value)}
            required
          />
        </Field>
        <datalist id={modelsId}>
          {models.data?.models.map((model) => (
            <option key={model} value={model} />
          ))}
        </datalist>
      </div>
      <Field label={t('description')} error={draftKey('description')}>
        <Input
          value={draft.description}
          maxLength={500}
          onChange={(e) => set('description', e.target.value)}
        />
      </Field>
      <Field
        label={t('instructions')}
        hint={t('instructionsHint')}
        error={draftKey('instructions')}
      >
        <Textarea
          value={draft.instructions}
          rows={6}
          maxLength={32000}
          onChange={(e) => set('instructions', e.target.value)}
        />
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label={t('temperature')} hint={t('temperatureHint')} error={draftKey('temperature')}>
          <Input
            type="number"
            inputMode="decimal"
            min={0}
            max={2}
            step={0.1}
            value={temperature}
            onChange={(e) => setTemperature(e.target.value)}
          />
        </Field>
        <Field
          label={t('maxOutputTokens')}
          hint={t('maxOutputTokensHint')}
          error={draftKey('maxOutputTokens')}
        >
          <Input
            type="number"
            inputMode="numeric"
            min={1}
            max={128000}
            value={maxTokens}
            onChange={(e) => setMaxTokens(e.target.value)}
          />
        </Field>
      </div>
      <Field
        label={t('starterPrompts')}
        hint={t('starterPromptsHint')}
        error={draftKey('starterPrompts')}
      >
        <Textarea value={starters} rows={3} onChange={(e) => setStarters(e.target.value)} />
      </Field>
      <fieldset className="grid gap-2">
        <legend className="mb-1 text-sm font-medium">{t('visibility')}</legend>
        {(['everyone', 'restricted'] as const).map((value) => (
          <label key={value} className="flex items-center gap-2 text-sm">
            <input
              type="radio"
              name="visibility"
              value={value}
              checked={draft.visibility === value}
              onChange={() => set('visibility', value)}
              className="size-4 accent-primary"
            />
            {t(`visibility_${value}`)}
          </label>
        ))}
      </fieldset>
      {draft.visibility === 'restricted' ? (
        <Field
          label={t('allowedUsers')}
          hint={t('allowedUsersHint')}
          error={draftKey('allowedUsers')}
        >
          <Textarea value={allowed} rows={3} onChange={(e) => setAllowed(e.target.value)} />
        </Field>
      ) : null}

      <div className="grid gap-2 rounded-lg border border-dashed border-border p-3">
        <Field label={t('previewMessage')} hint={t('previewHint')}>
          <Input
            value={previewText}
            maxLength={4000}
            onChange={(e) => setPreviewText(e.target.value)}
          />
        </Field>
        <div>
          <Button
            type="button"
            variant="outline"
            size="sm"
            disabled={!previewText.trim() || preview.isPending}
            onClick={() => preview.mutate({ draft: build(), message: previewText })}
          >
            {preview.isPending ? <Spinner /> : null}
            {t('previewRun')}
          </Button>
        </div>
        <div aria-live="polite" className="text-sm">
          {preview.data ? (
            <p className="whitespace-pre-wrap rounded-md bg-muted p-2" data-testid="preview-reply">
              {preview.data.text}
            </p>
          ) : null}
          {preview.error ? <p className="text-destructive">{preview.error.message}</p> : null}
        </div>
      </div>

      {error && !Object.keys(errors).length ? (
        <p role="alert" className="text-sm text-destructive">
          {error.message}
        </p>
      ) : null}
      {Object.keys(errors).length ? (
        <p role="alert" className="text-sm text-destructive">
          {t('fixErrors')}
        </p>
      ) : null}
      <div className="flex justify-end gap-2">
        <Button type="button" variant="ghost" onClick={onCancel}>
          {t('cancel')}
        </Button>
        <Button type="submit" disabled={saving}>
          {saving ? <Spinner /> : null}
          {assistant ? t('save') : t('create')}
        </Button>
      </div>
    </form>
  );
}
