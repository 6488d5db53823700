/** Small helpers shared by the desk's forms. */
import type { Dispatch, SetStateAction } from 'react';

/**
 * After an awaited send: empties a field only if it still holds what was sent. While the server answers, the
 * trainee may already have typed or picked the next one (picking the next diagnostic test used to be wiped).
 */
export function clearIfUnchanged(set: Dispatch<SetStateAction<string>>, sent: string): void {
  set((current) => (current === sent ? '' : current));
}
