// Local sign-in (no Clerk configured, never in production): a name and an email, no password.
// The same email always returns to the same chats. A note says plainly that this is for local use.
'use client';

import { FlaskConical } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { z } from 'zod';
import { Button } from '~/components/ui/button';
import { Input } from '~/components/ui/input';
import { Label } from '~/components/ui/label';
import { Spinner } from '~/components/ui/spinner';
import { safeRedirectPath } from '~/lib/safe-redirect';

// The browser's own validation bubbles speak the browser's language, not the page's; the form
// checks itself and says what is wrong in the UI language, beside the field.
// The fields are uncontrolled: what a person types before the page's script has started (a slow
// connection) stays in them, where controlled fields were emptied at hydration. Continue waits
// for the script, so a form submitted early cannot go out as a plain GET with the email in the
// address.
const emailSchema = z.email();
type FieldErrors = { name?: string; email?: string };

export function LocalSignInForm({ next }: { next: string | null }) {
  const t = useTranslations('auth');
  const [ready, setReady] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const nameField = useRef<HTMLInputElement>(null);
  const emailField = useRef<HTMLInputElement>(null);
  useEffect(() => setReady(true), []);

  const validate = (name: string, email: string): FieldErrors => {
    const errors: FieldErrors = {};
    if (!name.trim()) errors.name = t('nameRequired');
    if (!email.trim()) errors.email = t('emailRequired');
    else if (!emailSchema.safeParse(email.trim()).success) errors.email = t('emailInvalid');
    return errors;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const name = nameField.current?.value ?? '';
    const email = emailField.current?.value ?? '';
    const errors = validate(name, email);
    setFieldErrors(errors);
    if (errors.name || errors.email) {
      (errors.name ? nameField : emailField).current?.focus();
      return;
    }
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
    <form onSubmit={submit} className="grid gap-5" noValidate>
      <div className="grid gap-2">
        <Label htmlFor="sign-in-name">{t('name')}</Label>
        <Input
          ref={nameField}
          id="sign-in-name"
          name="name"
          autoComplete="name"
          required
          maxLength={100}
          aria-invalid={fieldErrors.name ? true : undefined}
          aria-describedby={fieldErrors.name ? 'sign-in-name-error' : undefined}
          autoFocus
        />
        {fieldErrors.name ? (
          <p id="sign-in-name-error" className="text-sm text-destructive">
            {fieldErrors.name}
          </p>
        ) : null}
      </div>
      <div className="grid gap-2">
        <Label htmlFor="sign-in-email">{t('email')}</Label>
        <Input
          ref={emailField}
          id="sign-in-email"
          name="email"
          type="email"
          autoComplete="email"
          required
          maxLength={320}
          aria-invalid={fieldErrors.email ? true : undefined}
          aria-describedby={fieldErrors.email ? 'sign-in-email-error' : undefined}
        />
        {fieldErrors.email ? (
          <p id="sign-in-email-error" className="text-sm text-destructive">
            {fieldErrors.email}
          </p>
        ) : null}
      </div>
      {error ? (
        <p
          role="alert"
          className="rounded-lg bg-destructive-soft px-3 py-2 text-sm text-destructive"
        >
          {error}
        </p>
      ) : null}
      <Button type="submit" size="lg" disabled={!ready || pending}>
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
