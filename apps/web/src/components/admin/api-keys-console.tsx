// The API keys console: create a key (its secret shown once, with a copy button), list keys with
// prefix, scopes, last use and creator, and revoke. The same apiKey procedures, and through them
// the same service, as `pnpm api-key:create`.
'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Check, Copy } from 'lucide-react';
import { useFormatter, useTranslations } from 'next-intl';
import { type FormEvent, useState } from 'react';
import { Button } from '~/components/ui/button';
import { Input } from '~/components/ui/input';
import { Spinner } from '~/components/ui/spinner';
import { useCopy } from '~/lib/hooks/use-copy';
import { useTRPC } from '~/lib/trpc/react';
import { AdminFrame } from './admin-frame';
import { Field, fieldErrors } from './field';
import { Card } from './page-frame';

const SCOPES = ['chats:create', 'chats:read'] as const;
const SCOPE_KEYS = {
  'chats:create': 'scope_chats_create',
  'chats:read': 'scope_chats_read',
} as const;

export function ApiKeysConsole() {
  const t = useTranslations('admin.apiKeys');
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const keys = useQuery(trpc.apiKey.list.queryOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.apiKey.list.queryKey() });
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<string[]>(['chats:create']);
  const create = useMutation(
    trpc.apiKey.create.mutationOptions({
      onSuccess: () => {
        setName('');
        void refresh();
      },
    }),
  );
  const revoke = useMutation(
    trpc.apiKey.revoke.mutationOptions({ onSuccess: () => void refresh() }),
  );
  const { copied, copy } = useCopy();
  const errors = fieldErrors(create.error);
  const when = (at: string | null) =>
    at ? format.dateTime(new Date(at), { dateStyle: 'medium', timeStyle: 'short' }) : t('never');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ name, scopes: scopes as (typeof SCOPES)[number][] });
  };

  return (
    <AdminFrame title={t('title')}>
      <Card title={t('createTitle')} description={t('createDescription')}>
        <form onSubmit={submit} className="grid gap-3" noValidate>
          <Field label={t('name')} hint={t('nameHint')} error={errors.name}>
            <Input value={name} maxLength={100} onChange={(e) => setName(e.target.value)} />
          </Field>
          <fieldset className="grid gap-1.5">
            <legend className="mb-1 text-sm font-medium">{t('scopes')}</legend>
            {SCOPES.map((scope) => (
              <label key={scope} className="flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  className="size-4 accent-primary"
                  checked={scopes.includes(scope)}
                  onChange={(e) =>
                    setScopes((current) =>
                      e.target.checked ? [...current, scope] : current.filter((s) => s !== scope),
                    )
                  }
                />
                <code>{scope}</code>
                <span className="text-muted-foreground">{t(SCOPE_KEYS[scope])}</span>
              </label>
            ))}
            {errors.scopes ? (
              <p className="text-xs text-destructive">{t('scopesRequired')}</p>
            ) : null}
          </fieldset>
          <div>
            <Button type="submit" disabled={create.isPending}>
              {create.isPending ? <Spinner /> : null}
              {t('create')}
            </Button>
          </div>
        </form>
        {create.data ? (
          <div
            role="status"
            className="grid gap-2 rounded-lg border border-primary/40 bg-primary/5 p-3"
          >
            <p className="text-sm font-medium">{t('secretOnce')}</p>
            <div className="flex items-center gap-2">
              <code
                data-testid="new-api-key"
                className="min-w-0 flex-1 break-all rounded bg-muted px-2 py-1 text-xs"
              >
                {create.data.key}
              </code>
              <Button variant="outline" size="sm" onClick={() => void copy(create.data.key)}>
                {copied ? <Check aria-hidden /> : <Copy aria-hidden />}
                {copied ? t('copied') : t('copy')}
              </Button>
            </div>
          </div>
        ) : null}
      </Card>

      <Card title={t('listTitle')}>
        {keys.isPending ? <Spinner /> : null}
        {keys.data && keys.data.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t('empty')}</p>
        ) : null}
        {keys.data?.length ? (
          <div className="overflow-x-auto">
            <table className="w-full text-sm">
              <caption className="sr-only">{t('listTitle')}</caption>
              <thead className="text-left text-xs text-muted-foreground">
                <tr>
                  <th scope="col" className="px-2 py-1.5 font-medium">
                    {t('name')}
                  </th>
                  <th scope="col" className="px-2 py-1.5 font-medium">
                    {t('prefix')}
                  </th>
                  <th scope="col" className="px-2 py-1.5 font-medium">
                    {t('scopes')}
                  </th>
                  <th scope="col" className="px-2 py-1.5 font-medium">
                    {t('lastUsed')}
                  </th>
                  <th scope="col" className="px-2 py-1.5 font-medium">
                    {t('createdBy')}
                  </th>
                  <th scope="col" className="px-2 py-1.5 font-medium">
                    <span className="sr-only">{t('actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {keys.data.map((key) => (
                  <tr key={key.id} className="border-t border-border">
                    <th scope="row" className="px-2 py-1.5 text-left font-medium">
                      {key.name}
                    </th>
                    <td className="px-2 py-1.5">
                      <code>{key.prefix}</code>
                    </td>
                    <td className="px-2 py-1.5">{key.scopes.join(', ')}</td>
                    <td className="px-2 py-1.5">{when(key.last_used_at)}</td>
                    <td className="px-2 py-1.5">
                      {key.created_by_email ?? t('cli')}
                      <span className="block text-xs text-muted-foreground">
                        {when(key.created_at)}
                      </span>
                    </td>
                    <td className="px-2 py-1.5 text-right">
                      {key.revoked_at ? (
                        <span className="text-xs text-muted-foreground">
                          {t('revokedAt', { when: when(key.revoked_at) })}
                        </span>
                      ) : (
                        <Button
                          size="sm"
                          variant="ghost"
                          onClick={() => revoke.mutate({ id: key.id })}
                          aria-label={t('revokeNamed', { name: key.name })}
                        >
                          {t('revoke')}
                        </Button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </Card>
    </AdminFrame>
  );
}
