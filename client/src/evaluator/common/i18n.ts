/** The staff namespace (trainer console, evaluator replay, grid, exports), French first. */
import { registerNamespace } from '../../i18n/index.js';
import fr from '../../i18n/locales/fr/staff.json';
import en from '../../i18n/locales/en/staff.json';

registerNamespace('staff', { fr, en });

export const NS = 'staff';
