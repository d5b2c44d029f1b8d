// The Zatten mark (a "Z" drawn as two speech strokes in a rounded tile) and the wordmark.
import { cn } from '~/lib/cn';

export function ZattenMark({ className }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" aria-hidden className={cn('size-7', className)}>
      <rect width="32" height="32" rx="9" className="fill-primary" />
      <path
        d="M10 10.5h12l-12 11h12"
        fill="none"
        strokeWidth="3"
        strokeLinecap="round"
        strokeLinejoin="round"
        className="stroke-primary-foreground"
      />
    </svg>
  );
}

export function ZattenLogo({ className }: { className?: string }) {
  return (
    <span className={cn('inline-flex items-center gap-2', className)}>
      <ZattenMark />
      <span className="text-[17px] font-semibold tracking-tight">Zatten</span>
    </span>
  );
}
