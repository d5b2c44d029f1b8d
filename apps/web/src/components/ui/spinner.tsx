// A small busy indicator; decorative, so the control it sits in carries the accessible name.
import { LoaderCircle } from 'lucide-react';
import { cn } from '~/lib/cn';

export function Spinner({ className }: { className?: string }) {
  return <LoaderCircle aria-hidden className={cn('size-4 animate-spin', className)} />;
}
