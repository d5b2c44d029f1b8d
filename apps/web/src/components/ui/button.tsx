// The button every control uses: variants for emphasis, sizes including square icon buttons
// (which must be given an aria-label), and `asChild` to style a link as a button. The variants
// are two plain maps (what class-variance-authority did here, without its code in the first load).
import type { ComponentProps } from 'react';
import { cn } from '~/lib/cn';
import { Slot } from './slot';

const BASE =
  'inline-flex shrink-0 cursor-pointer items-center justify-center gap-2 whitespace-nowrap rounded-lg text-sm font-medium transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring disabled:pointer-events-none disabled:opacity-50 [&_svg]:pointer-events-none [&_svg]:shrink-0';

const VARIANTS = {
  primary: 'bg-primary text-primary-foreground shadow-sm hover:bg-primary/90',
  secondary: 'bg-muted text-foreground hover:bg-accent',
  outline: 'border border-input bg-surface hover:bg-accent',
  ghost: 'text-foreground hover:bg-accent',
  subtle: 'text-muted-foreground hover:bg-accent hover:text-foreground',
  destructive: 'bg-destructive text-destructive-foreground shadow-sm hover:bg-destructive/90',
  link: 'text-brand-strong underline-offset-4 hover:underline',
};

const SIZES = {
  sm: 'h-8 px-3 text-[13px] [&_svg]:size-4',
  md: 'h-9 px-4 [&_svg]:size-4',
  lg: 'h-11 px-5 text-[15px] [&_svg]:size-5',
  icon: 'size-9 [&_svg]:size-[18px]',
  'icon-sm': 'size-8 rounded-md [&_svg]:size-4',
};

export interface ButtonVariants {
  variant?: keyof typeof VARIANTS | null;
  size?: keyof typeof SIZES | null;
}

/** The classes of a button of this variant and size (primary, md by default). */
export function buttonVariants({ variant, size }: ButtonVariants = {}): string {
  return `${BASE} ${VARIANTS[variant ?? 'primary']} ${SIZES[size ?? 'md']}`;
}

export type ButtonProps = ComponentProps<'button'> & ButtonVariants & { asChild?: boolean };

export function Button({ className, variant, size, asChild, type, ...props }: ButtonProps) {
  const Component = asChild ? Slot : 'button';
  return (
    <Component
      className={cn(buttonVariants({ variant, size }), className)}
      type={asChild ? undefined : (type ?? 'button')}
      {...props}
    />
  );
}
