// Local sign-in (no Clerk configured, never in production): a name and an email, no password.
// The same email always returns to the same chats. A note says plainly that this is for local use.
'use client';

import { FlaskConical } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { type FormEvent, useState } from 'react';
import { Button } from '~/components/ui/button';
import { Input } from '~/components/ui/input';
import { Label } from '~/components/ui/label';
import { Spinner } from '~/components/ui/spinner';
import { safeRedirectPath } from '~/lib/safe-redirect';

export function LocalSignInForm({ next }: { next: string | null }) {
  const t = useTranslations('auth');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setPending(true);
    setError(null);
    try {
      const response = await fetch('/api/auth/local', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: name.trim(), email: email.trim() }),
      });
      if (response.ok) {
        window.location.assign(safeRedirectPath(next, window.location.origin));
        return;
      }
      setError(
        response.status === 400
          ? t('invalid')
          : response.status === 403
            ? t('disabled')
            : t('failed'),
      );
    } catch {
      setError(t('network'));
    }
    setPending(false);
  };

  return (
    <form onSubmit={submit} className="grid gap-5" noValidate={false}>
      <div className="grid gap-2">
        <Label htmlFor="sign-in-name">{t('name')}</Label>
        <Input
          id="sign-in-name"
          name="name"
          autoComplete="name"
          required
          maxLength={100}
          value={name}
          onChange={(event) => setName(event.target.value)}
          autoFocus
        />
      </div>
      <div className="grid gap-2">
        <Label htmlFor="sign-in-email">{t('email')}</Label>
        <Input
          id="sign-in-email"
          name="email"
          type="email"
          autoComplete="email"
          required
          maxLength={320}
          value={email}
          onChange={(event) => setEmail(event.target.value)}
        />
      </div>
      {error ? (
        <p
          role="alert"
          className="rounded-lg bg-destructive-soft px-3 py-2 text-sm text-destructive"
        >
          {error}
        </p>
      ) : null}
      <Button type="submit" size="lg" disabled={pending}>
        {pending ? <Spinner /> : null}
        {t('continue')}
      </Button>
      <div
        role="note"
        className="flex gap-2.5 rounded-lg border border-dashed border-border p-3 text-xs text-muted-foreground"
      >
        <FlaskConical aria-hidden className="mt-px size-4 shrink-0" />
        <p>{t('localNote')}</p>
      </div>
    </form>
  );
}
