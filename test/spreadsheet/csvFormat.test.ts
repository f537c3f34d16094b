import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CSV_LIMITS, parseCsv } from '../../src/spreadsheet/parseCsv';
import { csvCell, writeCsv } from '../../src/spreadsheet/writeCsv';

const utf8 = (text: string) => new TextEncoder().encode(text);

function table(input: Uint8Array | string) {
  const parsed = parseCsv(input);
  if (!parsed.ok) throw new Error(`not read: ${parsed.problem.kind}`);
  return parsed.table;
}

describe('reading a CSV file as spreadsheets save it', () => {
  it('reads quoted cells with commas, doubled quotes and line breaks, CRLF line ends and a byte order mark', () => {
    const t = table(utf8('\uFEFFname,notes\r\n"Yusuf, Amina","She said ""hi""\r\nand left"\r\nأمينة,plain\r\n'));
    expect(t.header).toEqual(['name', 'notes']);
    expect(t.rows.map((r) => r.cells)).toEqual([
      ['Yusuf, Amina', 'She said "hi"\r\nand left'],
      ['أمينة', 'plain'],
    ]);
    expect(t.rows.map((r) => r.problems)).toEqual([[], []]);
  });

  it('numbers rows as the spreadsheet does: a cell over two lines is one row, blank rows keep their number', () => {
    const t = table('name\n"Ola\nNordmann"\n\nKari\n');
    expect(t.rows.map((r) => [r.row, r.cells[0]])).toEqual([
      [2, 'Ola\nNordmann'],
      [4, 'Kari'],
    ]);
  });

  it('reads the semicolons and tabs Nordic spreadsheets separate cells with', () => {
    expect(table('Navn;Språk\nKari;nb, en\n').rows[0]?.cells).toEqual(['Kari', 'nb, en']);
    expect(table('name\tlanguages\nKari\tar\n').rows[0]?.cells).toEqual(['Kari', 'ar']);
  });

  it('marks a row whose quote is never closed, and keeps the rows before it', () => {
    const t = table('name,city\nKari,Oslo\n"Amina,Bergen\nOla,Oslo\n');
    expect(t.rows[0]).toEqual({ row: 2, cells: ['Kari', 'Oslo'], problems: [] });
    expect(t.rows[1]?.problems).toEqual([{ kind: 'unclosedQuote' }]);
    expect(t.rows).toHaveLength(2);
  });

  it('marks text after a closing quote and keeps reading the next rows', () => {
    const t = table('name,city\n"Kari"x,Oslo\nOla,Bergen\n');
    expect(t.rows[0]?.problems).toEqual([{ kind: 'textAfterQuote' }]);
    expect(t.rows[1]).toEqual({ row: 3, cells: ['Ola', 'Bergen'], problems: [] });
  });

  it('refuses a file that is too large, not UTF-8, empty or with too many rows, without throwing', () => {
    expect(parseCsv(new Uint8Array(10 * 1024 * 1024).fill(0x61))).toEqual({ ok: false, problem: { kind: 'tooLarge', maxBytes: CSV_LIMITS.maxBytes } });
    expect(parseCsv(Uint8Array.from([0x6e, 0x61, 0x6d, 0x65, 0x0a, 0xff, 0xfe, 0x41]))).toEqual({ ok: false, problem: { kind: 'notUtf8' } });
    expect(parseCsv('\uFEFF\n\n')).toEqual({ ok: false, problem: { kind: 'empty' } });
    expect(parseCsv(`name\n${'x\n'.repeat(CSV_LIMITS.maxRows + 1)}`)).toEqual({ ok: false, problem: { kind: 'tooManyRows', maxRows: CSV_LIMITS.maxRows } });
  });

  it('cuts a huge cell and says so, instead of keeping it', () => {
    const t = table(`name,notes\nKari,"${'x'.repeat(500_000)}"\n`);
    expect(t.rows[0]?.cells[1]).toHaveLength(CSV_LIMITS.maxCellChars);
    expect(t.rows[0]?.problems).toEqual([{ kind: 'cellTooLong', max: CSV_LIMITS.maxCellChars }]);
  });
});

describe('writing a CSV file', () => {
  it('writes a byte order mark and CRLF, and quotes only where RFC 4180 needs it', () => {
    expect(writeCsv(['name', 'n'], [['Amina, "Mina"', 3]])).toBe('\uFEFFname,n\r\n"Amina, ""Mina""",3\r\n');
  });

  it('keeps a spreadsheet from running a cell as a formula', () => {
    expect(['=HYPERLINK("http://x")', '+1', '-2+3', '@SUM(A1)', '\tx', 'Amina'].map(csvCell)).toEqual([
      `"'=HYPERLINK(""http://x"")"`,
      "'+1",
      "'-2+3",
      "'@SUM(A1)",
      "'\tx",
      'Amina',
    ]);
    expect(csvCell(-2)).toBe('-2');
  });

  it('reads back what it wrote, cell for cell (a formula with its mark)', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string({ unit: 'grapheme', maxLength: 20 }), { minLength: 2, maxLength: 2 }), { maxLength: 8 }), (rows) => {
        const read = table(writeCsv(['a', 'b'], rows));
        const expected = rows.filter((r) => r.some((c) => c.trim() !== '')).map((r) => r.map((c) => (/^[=+\-@\t\r]/.test(c) ? `'${c}` : c)));
        expect(read.rows.map((r) => r.cells)).toEqual(expected);
      }),
    );
  });
});
