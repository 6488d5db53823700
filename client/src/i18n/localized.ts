/** Scenario content (`{fr, en?}` values written by authors) in the reader's language, French with its typography; shared with the server's printable report. */
export { localized } from '../../../server/src/domain/text.js';
