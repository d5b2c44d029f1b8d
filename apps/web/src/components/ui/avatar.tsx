// A person's picture, or their initials while it loads or when there is none.
'use client';

import { Avatar as AvatarPrimitive } from 'radix-ui';
import { cn } from '~/lib/cn';

export function initialsOf(name: string | null | undefined, email?: string | null): string {
  const source = name?.trim() || email?.split('@')[0] || '?';
  const words = source.split(/[\s._-]+/).filter(Boolean);
  const letters =
    words.length > 1 ? `${words[0]?.[0] ?? ''}${words.at(-1)?.[0] ?? ''}` : source.slice(0, 2);
  return letters.toUpperCase();
}

export function Avatar({
  name,
  email,
  imageUrl,
  className,
}: {
  name: string | null | undefined;
  email?: string | null;
  imageUrl?: string | null;
  className?: string;
}) {
  return (
    <AvatarPrimitive.Root
      className={cn(
        'relative inline-flex size-8 shrink-0 overflow-hidden rounded-full bg-brand-soft',
        className,
      )}
    >
      {imageUrl ? (
        <AvatarPrimitive.Image src={imageUrl} alt="" className="size-full object-cover" />
      ) : null}
      <AvatarPrimitive.Fallback
        className="flex size-full items-center justify-center text-xs font-semibold text-brand-strong"
        aria-hidden
      >
        {initialsOf(name, email)}
      </AvatarPrimitive.Fallback>
    </AvatarPrimitive.Root>
  );
}
