/**
 * A button that stays focusable when it cannot be used (a command in flight,
 * an empty field): `aria-disabled` with the disabled look, and activation is
 * ignored. A natively disabled button would drop keyboard focus to <body>.
 */
import { forwardRef, type ButtonHTMLAttributes, type MouseEvent } from 'react';

type Props = Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'disabled'> & { unavailable?: boolean };

export const BusyButton = forwardRef<HTMLButtonElement, Props>(function BusyButton({ unavailable = false, onClick, ...rest }, ref) {
  return (
    <button
      ref={ref}
      {...rest}
      aria-disabled={unavailable || undefined}
      onClick={(e: MouseEvent<HTMLButtonElement>) => {
        if (unavailable) { e.preventDefault(); return; }
        onClick?.(e);
      }}
    />
  );
});
