/** Numbers in the reader's language, for every screen (no React, no i18next instance: unit tests load it as is); shared with the server's printable report. */
export { formatNumber } from '../../../server/src/domain/text.js';
