/**
 * French typography: a narrow no-break space before « : ; ! ? » and inside
 * guillemets, so translators can type plain spaces in the JSON files.
 */
export function frenchTypography(text: string): string {
  return text
    .replace(/ ([:;!?»])/g, '\u202f$1')
    .replace(/« /g, '«\u202f');
}
