// A person's picture, or their initials while it loads or when there is none. As Radix Avatar
// did (without its code in the first load): the picture is fetched apart and shown only once it
// has loaded, so a slow or broken image never shows as a broken one; the initials stay till then.
'use client';

import { useEffect, useState } from 'react';
import { cn } from '~/lib/cn';

export function initialsOf(name: string | null | undefined, email?: string | null): string {
  const source = name?.trim() || email?.split('@')[0] || '?';
  const words = source.split(/[\s._-]+/).filter(Boolean);
  const letters =
    words.length > 1 ? `${words[0]?.[0] ?? ''}${words.at(-1)?.[0] ?? ''}` : source.slice(0, 2);
  return letters.toUpperCase();
}

/** The URL once its image has loaded; null while it loads, when it fails, or without one. */
function useLoadedImage(src: string | null | undefined): string | null {
  const [loaded, setLoaded] = useState<string | null>(null);
  useEffect(() => {
    if (!src) return;
    let current = true;
    const image = new window.Image();
    image.onload = () => {
      if (current) setLoaded(src);
    };
    image.src = src;
    // Already in the cache: no load event may come.
    if (image.complete && image.naturalWidth > 0) setLoaded(src);
    return () => {
      current = false;
      image.onload = null;
    };
  }, [src]);
  return src && loaded === src ? src : null;
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
  const picture = useLoadedImage(imageUrl);
  return (
    <span
      className={cn(
        'relative inline-flex size-8 shrink-0 overflow-hidden rounded-full bg-brand-soft',
        className,
      )}
    >
      {picture ? (
        <img src={picture} alt="" className="size-full object-cover" />
      ) : (
        <span
          className="flex size-full items-center justify-center text-xs font-semibold text-brand-strong"
          aria-hidden
        >
          {initialsOf(name, email)}
        </span>
      )}
    </span>
  );
}
