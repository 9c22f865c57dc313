/** A SOQL string literal: backslashes and single quotes escaped, so a value can never end the literal early. */
export function quoteSoql(value: string): string {
  return `'${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
}
