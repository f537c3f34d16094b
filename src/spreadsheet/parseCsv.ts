/** How much of a spreadsheet Kompis reads at most: a programme's list of people is far smaller. */
export const CSV_LIMITS = { maxBytes: 2 * 1024 * 1024, maxRows: 5000, maxColumns: 60, maxCellChars: 1000 };

/** Something wrong with one row of the file itself (its quoting or its size), before its values are read. */
export type CsvRowProblem = { kind: 'unclosedQuote' } | { kind: 'textAfterQuote' } | { kind: 'cellTooLong'; max: number } | { kind: 'tooManyColumns'; max: number };

/** Something that keeps the whole file from being read. */
export type CsvFileProblem = { kind: 'tooLarge'; maxBytes: number } | { kind: 'notUtf8' } | { kind: 'empty' } | { kind: 'tooManyRows'; maxRows: number } | { kind: 'headerBroken' };

/** One row as a spreadsheet numbers it: the header is row 1, the first person row 2. */
export interface CsvRow {
  row: number;
  cells: string[];
  problems: CsvRowProblem[];
}

export interface CsvTable {
  header: string[];
  /** The rows after the header, blank rows left out (their numbers are skipped, as in the spreadsheet). */
  rows: CsvRow[];
}

export type CsvResult = { ok: true; table: CsvTable } | { ok: false; problem: CsvFileProblem };

/**
 * Reads a CSV file as RFC 4180 writes it, and as spreadsheets save it: UTF-8 with or without a byte
 * order mark, comma, semicolon (what Nordic spreadsheets use) or tab between cells, quoted cells with
 * `""` for a quote and line breaks inside, CRLF, LF or CR line ends. Never throws on what the file
 * holds: a row with broken quoting or a cell too long is read as far as it goes and carries the
 * problem; a file too large, not UTF-8 or empty is refused as a whole. Reading stops at the limits,
 * so a hostile file costs no more than `limits.maxBytes` of work.
 */
export function parseCsv(input: Uint8Array | string, limits = CSV_LIMITS): CsvResult {
  const bytes = typeof input === 'string' ? Buffer.byteLength(input, 'utf8') : input.byteLength;
  if (bytes > limits.maxBytes) return { ok: false, problem: { kind: 'tooLarge', maxBytes: limits.maxBytes } };
  let text: string;
  if (typeof input === 'string') {
    text = input;
  } else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(input);
    } catch {
      return { ok: false, problem: { kind: 'notUtf8' } };
    }
  }
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  const records = readRecords(text, delimiterOf(text), limits);
  if (records === 'tooManyRows') return { ok: false, problem: { kind: 'tooManyRows', maxRows: limits.maxRows } };
  const [first, ...rest] = records.filter((r) => !isBlank(r.cells));
  if (!first) return { ok: false, problem: { kind: 'empty' } };
  if (first.problems.length > 0) return { ok: false, problem: { kind: 'headerBroken' } };
  return { ok: true, table: { header: first.cells.map((c) => c.trim()), rows: rest } };
}

/** The separator the header line uses most, outside quotes: comma unless semicolons or tabs win. */
function delimiterOf(text: string): string {
  const counts = new Map<string, number>([
    [',', 0],
    [';', 0],
    ['\t', 0],
  ]);
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && counts.has(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  let best = ',';
  for (const [ch, n] of counts) if (n > (counts.get(best) ?? 0)) best = ch;
  return best;
}

function readRecords(text: string, delimiter: string, limits: typeof CSV_LIMITS): CsvRow[] | 'tooManyRows' {
  const rows: CsvRow[] = [];
  let cells: string[] = [];
  let cell = '';
  let problems: CsvRowProblem[] = [];
  let i = 0;
  const add = (ch: string) => {
    if (cell.length < limits.maxCellChars) cell += ch;
    else if (!problems.some((p) => p.kind === 'cellTooLong')) problems.push({ kind: 'cellTooLong', max: limits.maxCellChars });
  };
  const endCell = () => {
    if (cells.length < limits.maxColumns) cells.push(cell);
    else if (!problems.some((p) => p.kind === 'tooManyColumns')) problems.push({ kind: 'tooManyColumns', max: limits.maxColumns });
    cell = '';
  };
  const endRow = (): boolean => {
    endCell();
    rows.push({ row: rows.length + 1, cells, problems });
    cells = [];
    problems = [];
    return rows.length <= limits.maxRows;
  };
  while (i < text.length) {
    // At the start of a cell.
    if (text[i] === '"') {
      i++;
      let closed = false;
      while (i < text.length) {
        const ch = text[i] ?? '';
        if (ch === '"') {
          if (text[i + 1] === '"') {
            add('"');
            i += 2;
            continue;
          }
          i++;
          closed = true;
          break;
        }
        add(ch);
        i++;
      }
      if (!closed) {
        problems.push({ kind: 'unclosedQuote' });
        break;
      }
      // After the closing quote only a separator or a line end may follow; anything else is kept as written.
      if (i < text.length && text[i] !== delimiter && text[i] !== '\n' && text[i] !== '\r') problems.push({ kind: 'textAfterQuote' });
    }
    while (i < text.length && text[i] !== delimiter && text[i] !== '\n' && text[i] !== '\r') {
      add(text[i] ?? '');
      i++;
    }
    if (i >= text.length) break;
    if (text[i] === delimiter) {
      endCell();
      i++;
      if (i >= text.length) break;
      continue;
    }
    // A line end: CRLF, LF or CR.
    i += text[i] === '\r' && text[i + 1] === '\n' ? 2 : 1;
    if (!endRow()) return 'tooManyRows';
  }
  if (cells.length > 0 || cell !== '' || problems.length > 0) {
    if (!endRow()) return 'tooManyRows';
  }
  return rows;
}

function isBlank(cells: string[]): boolean {
  return cells.every((c) => c.trim() === '');
}
