/**
 * The programme's mentor list as a Norwegian spreadsheet saves it (semicolons, a byte order mark,
 * Norwegian headers in capitals), 100 mentors of whom three have a mistake: row 15 has no name, row
 * 38 a capacity in words, row 59 a language Kompis does not know.
 */
export function hundredMentors(): string {
  const rows = Array.from({ length: 100 }, (_, i) => {
    const row = i + 2;
    const name = row === 15 ? '' : `Mentor ${row} Hansen`;
    const capacity = row === 38 ? 'two' : String((i % 3) + 1);
    const languages = row === 59 ? 'Klingon' : i % 2 === 0 ? 'Arabic, English' : 'uk';
    return [name, languages, 'Engineer', i % 2 === 0 ? 'IT og teknologi' : 'health', 'Oslo', capacity, 'note'].join(';');
  });
  return `\uFEFFNAVN;Språk;Yrke;BRANSJE;By;Kapasitet;Merknad\r\n${rows.join('\r\n')}\r\n`;
}
