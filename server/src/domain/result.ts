/** A typed success-or-rejection value: the core never throws for a refused action. */
export type Result<T, E> = { ok: true; value: T } | { ok: false; error: E };
export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });
export const err = <E>(error: E): { ok: false; error: E } => ({ ok: false, error });

/** A refusal the client can show: a stable code and an English message naming what was wrong. */
export interface DomainError { code: string; message: string }
export const domainError = (code: string, message: string): DomainError => ({ code, message });
