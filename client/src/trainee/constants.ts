import type { ReplyKind } from '../../../server/src/domain/scenario.js';

/** Mirrors REPLY_KINDS in the scenario schema (kept as a type-checked copy so zod stays out of the bundle). */
export const REPLY_KINDS_LIST = ['reassure', 'deescalate', 'plain', 'technical', 'blame', 'promise', 'security_advice', 'delay'] as const satisfies readonly ReplyKind[];
export const QUESTION_GROUPS = ['identification', 'symptom', 'scope', 'history', 'environment', 'security'] as const;
export const RESOLUTION_CODES = ['fixed', 'workaround', 'request_fulfilled', 'not_reproduced'] as const;
export const TICKET_TYPES_LIST = ['incident', 'request'] as const;
