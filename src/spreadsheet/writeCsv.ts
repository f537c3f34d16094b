/** A value in an exported cell: text as people wrote it, a number, or nothing. */
export type CsvValue = string | number | null | undefined;

/**
 * A CSV file as RFC 4180 writes it (comma, CRLF, quoted where needed), in UTF-8 with a byte order
 * mark so that spreadsheets read Arabic and Tigrinya names right. Text that a spreadsheet would run
 * as a formula (beginning with = + - @, a tab or a carriage return) is written with a `'` before it:
 * a name someone typed is never run on the coordinator's computer.
 */
export function writeCsv(header: string[], rows: CsvValue[][]): string {
  return `\uFEFF${[header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/** One cell, made safe to open in a spreadsheet and quoted when it has to be. */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'number' ? String(value) : /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
