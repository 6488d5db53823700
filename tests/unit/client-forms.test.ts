/** The desk's forms empty a field after a send only if the trainee has not moved on to the next value meanwhile. */
import { expect, it } from 'vitest';
import { clearIfUnchanged } from '../../client/src/trainee/forms.js';

it('clears the value that was sent, and keeps one picked or typed while the server answered', () => {
  let value = 't-ping-gateway';
  const set = (u: string | ((cur: string) => string)) => { value = typeof u === 'function' ? u(value) : u; };
  clearIfUnchanged(set, 't-ipconfig');
  expect(value).toBe('t-ping-gateway');
  clearIfUnchanged(set, 't-ping-gateway');
  expect(value).toBe('');
});
