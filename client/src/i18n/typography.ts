/** French typography (narrow no-break spaces), shared with the server's printable report. */
export { frenchTypography } from '../../../server/src/domain/text.js';
