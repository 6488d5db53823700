/** Labelled form controls: every input gets a visible label tied by id. */
import { useId, type ReactNode, type SelectHTMLAttributes, type InputHTMLAttributes, type TextareaHTMLAttributes } from 'react';

export function Field({ label, hint, children, className }: { label: ReactNode; hint?: ReactNode; className?: string; children: (id: string, describedBy: string | undefined) => ReactNode }) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div className={`field ${className ?? ''}`}>
      <label htmlFor={id}>{label}</label>
      {children(id, hintId)}
      {hint && <span id={hintId} className="field-hint">{hint}</span>}
    </div>
  );
}

export function TextField({ label, hint, className, ...rest }: { label: ReactNode; hint?: ReactNode; className?: string } & InputHTMLAttributes<HTMLInputElement>) {
  return <Field label={label} hint={hint} {...(className ? { className } : {})}>{(id, d) => <input id={id} aria-describedby={d} {...rest} />}</Field>;
}

export function TextArea({ label, hint, className, ...rest }: { label: ReactNode; hint?: ReactNode; className?: string } & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return <Field label={label} hint={hint} {...(className ? { className } : {})}>{(id, d) => <textarea id={id} aria-describedby={d} {...rest} />}</Field>;
}

export function SelectField({ label, hint, className, children, ...rest }: { label: ReactNode; hint?: ReactNode; className?: string; children: ReactNode } & SelectHTMLAttributes<HTMLSelectElement>) {
  return <Field label={label} hint={hint} {...(className ? { className } : {})}>{(id, d) => <select id={id} aria-describedby={d} {...rest}>{children}</select>}</Field>;
}
