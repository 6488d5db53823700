/** Who is logged in, shared by every role's app. */
import { createContext, useContext } from 'react';
import type { User } from '../api/rest.js';

export interface AuthContextValue {
  user: User;
  logout: () => Promise<void>;
}

export const AuthContext = createContext<AuthContextValue | undefined>(undefined);

export function useAuth(): AuthContextValue {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth must be used inside <AuthContext.Provider> (App.tsx provides it)');
  return ctx;
}
