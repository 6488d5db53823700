/**
 * A button that stays focusable when it cannot be used (a command in flight,
 * an empty field, a drill that is not running): `aria-disabled` with the
 * disabled look (base.css), and activation is ignored. A natively disabled
 * button that has focus drops it to <body> in Chromium, so the next Tab would
 * restart at the top of the page. Used by the trainee desk and the staff screens.
 */
import { forwardRef, type ButtonHTMLAttributes, type MouseEvent } from 'react';

export type SoftDisabledButtonProps = Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'disabled'> & { unavailable?: boolean | undefined };

export const SoftDisabledButton = forwardRef<HTMLButtonElement, SoftDisabledButtonProps>(function SoftDisabledButton({ unavailable = false, onClick, type = 'button', ...rest }, ref) {
  return (
    <button
      ref={ref}
      {...rest}
      type={type}
      aria-disabled={unavailable || undefined}
      onClick={(e: MouseEvent<HTMLButtonElement>) => {
        // preventDefault also stops a submit button from submitting its form (Enter in a field included).
        if (unavailable) { e.preventDefault(); return; }
        onClick?.(e);
      }}
    />
  );
});
