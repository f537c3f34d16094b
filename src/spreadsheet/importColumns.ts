import { normalise } from '../../flows/parseAnswer';

/** Who a spreadsheet lists: mentors for the mentor bank, or applicants the programme has already taken in. */
export type ImportKind = 'mentors' | 'applicants';
export const IMPORT_KINDS: readonly ImportKind[] = ['mentors', 'applicants'];

/** Kompis's fields a column can fill. */
export type ImportField = 'name' | 'language' | 'languages' | 'profession' | 'sector' | 'role' | 'city' | 'capacity' | 'gender' | 'interests' | 'goal' | 'status';

/** The fields each kind of import reads; only `name` is required. */
export const IMPORT_FIELDS: Record<ImportKind, readonly ImportField[]> = {
  mentors: ['name', 'language', 'languages', 'profession', 'sector', 'role', 'city', 'capacity', 'gender', 'interests'],
  applicants: ['name', 'language', 'languages', 'profession', 'sector', 'city', 'goal', 'status'],
};

/**
 * The headers each field is known by, in the programme languages' spreadsheets, compared without
 * case, accents or spaces ("Språk", "sprak" and "SPRÅK" are the same). A header that is none of
 * these is ignored unless the coordinator maps it.
 */
const HEADERS: Record<ImportField, string[]> = {
  name: ['name', 'first name', 'full name', 'navn', 'fornavn', 'fullt navn', 'fulde navn', 'namn', 'förnamn', 'nimi', 'etunimi'],
  language: ['chat language', 'language of the chat', 'preferred language', 'kompis language', 'chatspråk', 'chattespråk', 'chatsprog', 'keskustelukieli'],
  languages: ['languages', 'language', 'spoken languages', 'språk', 'sprog', 'kieli', 'kielet'],
  profession: ['profession', 'occupation', 'job', 'yrke', 'erhverv', 'beskæftigelse', 'ammatti'],
  sector: ['sector', 'field', 'field of work', 'industry', 'bransje', 'branche', 'bransch', 'sektor', 'ala', 'toimiala'],
  role: ['role', 'title', 'job title', 'position', 'rolle', 'stilling', 'tittel', 'titel', 'roll', 'rooli', 'titteli'],
  city: ['city', 'town', 'place', 'region', 'municipality', 'sted', 'by', 'kommune', 'stad', 'ort', 'kommun', 'kaupunki', 'kunta', 'paikkakunta'],
  capacity: ['capacity', 'mentees', 'number of mentees', 'max mentees', 'kapasitet', 'kapacitet', 'kapasiteetti', 'antall mentees', 'antal mentees'],
  gender: ['gender', 'sex', 'kjønn', 'køn', 'kön', 'sukupuoli'],
  interests: ['interests', 'hobbies', 'interesser', 'intressen', 'kiinnostukset', 'harrastukset'],
  goal: ['goal', 'mål', 'målsetning', 'tavoite'],
  status: ['status', 'tila'],
};

/** A header as compared: lowercase, without accents, spaces or punctuation; ø and æ as o and ae. */
export function headerKey(header: string): string {
  return normalise(header.replace(/[øØ]/g, 'o').replace(/[æÆ]/g, 'ae').replace(/ß/g, 'ss')).replace(/ /g, '');
}

/** A column of the file and the field it fills, or null when it is ignored. */
export interface ImportColumn {
  header: string;
  field: ImportField | null;
}

/** Why the columns cannot be read: nothing is imported until it is put right. */
export type ColumnProblem =
  | { kind: 'noNameColumn' }
  | { kind: 'sameFieldTwice'; field: ImportField; headers: string[] }
  | { kind: 'mappedHeaderMissing'; header: string }
  | { kind: 'mappedFieldUnknown'; header: string; field: string };

/**
 * Which field each column fills. `mapping` (header → field, or `ignore`) comes first, as the
 * coordinator gave it; every other header is matched against the known names of the fields.
 */
export function importColumns(file: { kind: ImportKind; header: string[]; mapping?: Record<string, string> }): { columns: ImportColumn[]; problems: ColumnProblem[] } {
  const { kind, header, mapping = {} } = file;
  const fields = IMPORT_FIELDS[kind];
  const problems: ColumnProblem[] = [];
  const explicit = new Map<string, ImportField | null>();
  for (const [mapped, field] of Object.entries(mapping)) {
    const key = headerKey(mapped);
    if (!header.some((h) => headerKey(h) === key)) problems.push({ kind: 'mappedHeaderMissing', header: mapped });
    const known = fields.find((f) => f === field);
    if (field === 'ignore') explicit.set(key, null);
    else if (known) explicit.set(key, known);
    else problems.push({ kind: 'mappedFieldUnknown', header: mapped, field });
  }
  const columns = header.map((h): ImportColumn => {
    const key = headerKey(h);
    if (explicit.has(key)) return { header: h, field: explicit.get(key) ?? null };
    return { header: h, field: fields.find((f) => HEADERS[f].some((known) => headerKey(known) === key)) ?? null };
  });
  for (const field of fields) {
    const headers = columns.filter((c) => c.field === field).map((c) => c.header);
    if (headers.length > 1) problems.push({ kind: 'sameFieldTwice', field, headers });
  }
  if (!columns.some((c) => c.field === 'name')) problems.push({ kind: 'noNameColumn' });
  return { columns, problems };
}
