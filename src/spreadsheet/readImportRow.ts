import { asciiDigits, cleanText, normalise } from '../../flows/parseAnswer';
import { parseName } from '../../flows/parseName';
import { SECTORS, SPOKEN_LANGUAGES } from '../../flows/questions';
import type { Answers } from '../../flows/types';
import type { Programme } from '../settings/programme';
import { createTranslator, type Translator } from '../text/i18n';
import { LANGUAGE_CODES } from '../text/languages';
import type { CsvRowProblem } from './parseCsv';
import type { ImportColumn, ImportField, ImportKind } from './importColumns';

/** What is wrong with one row; the row is left out of the import until it is put right. */
export type ImportProblem =
  | CsvRowProblem
  | { kind: 'missingName' }
  | { kind: 'nameWithoutLetters' }
  | { kind: 'severalLines'; field: ImportField }
  | { kind: 'tooLong'; field: ImportField; max: number }
  | { kind: 'formula'; field: ImportField }
  | { kind: 'unknownLanguage'; field: 'language' | 'languages'; value: string }
  | { kind: 'unknownSector'; value: string }
  | { kind: 'unknownGender'; value: string }
  | { kind: 'unknownStatus'; value: string }
  | { kind: 'capacityNotANumber'; value: string }
  | { kind: 'duplicateOfRow'; row: number }
  | { kind: 'alreadyInKompis'; participantId: number };

/** An applicant taken in from a spreadsheet is accepted already, or waiting (on the list, or not yet screened). */
export type ImportedStatus = 'accepted' | 'waitlisted' | 'submitted';

/** One person as Kompis would keep them: their answers are stored as if they had given them in the chat. */
export interface ImportedPerson {
  name: string;
  /** The language Kompis writes to them in; null until they choose one in the chat. */
  language: string | null;
  answers: Answers;
  capacity: number;
  status: ImportedStatus;
}

const MAX_NAME = 60;
const MAX_TEXT = 200;
const MAX_CAPACITY = 10;

/** A value spreadsheets run as a formula; such a cell was written by mistake or by someone who means harm. */
const FORMULA = /^[=+\-@]/;

/**
 * Reads one row into the answers Kompis keeps, with every problem found (not just the first), so the
 * coordinator can put the whole row right at once. Pure: duplicates are found by the caller.
 */
export function readImportRow(row: { kind: ImportKind; columns: ImportColumn[]; cells: string[] }, lookups: ImportLookups): { person: ImportedPerson; problems: ImportProblem[] } {
  const { kind, columns, cells } = row;
  const { programme } = lookups;
  const problems: ImportProblem[] = [];
  const raw = (field: ImportField): string => {
    const at = columns.findIndex((c) => c.field === field);
    return at < 0 ? '' : (cells[at] ?? '');
  };
  const text = (field: ImportField, max = MAX_TEXT): string => {
    const value = raw(field);
    if (/[\n\r\u2028\u2029]/.test(value)) problems.push({ kind: 'severalLines', field });
    const cleaned = cleanText(value.replace(/\s+/g, ' '));
    if (FORMULA.test(cleaned) && !(field === 'capacity' && /^-?\d+$/.test(cleaned))) problems.push({ kind: 'formula', field });
    if (cleaned.length > max) problems.push({ kind: 'tooLong', field, max });
    return cleaned;
  };
  const name = readName(raw('name'), problems);
  const answers: Answers = { name };
  const language = readChatLanguage(text('language'), lookups, problems);
  const languages = readLanguages(text('languages'), lookups, problems);
  if (languages.length > 0) answers.languages = languages;
  for (const field of ['profession', 'role', 'interests', 'goal'] as const) {
    const value = text(field);
    if (value !== '') answers[field] = value;
  }
  const sector = text('sector');
  if (sector !== '') {
    const found = lookups.sectors.get(normalise(sector));
    if (found) answers.sector = found;
    else problems.push({ kind: 'unknownSector', value: sector });
  }
  const city = text('city');
  if (city !== '') Object.assign(answers, place(kind, city, programme));
  const gender = text('gender');
  if (gender !== '') {
    const found = GENDERS[normalise(gender)];
    if (found) answers.gender = found;
    else problems.push({ kind: 'unknownGender', value: gender });
  }
  const capacity = readCapacity(text('capacity'), problems);
  if (kind === 'mentors') answers.capacity = String(capacity);
  const statusWords = text('status');
  const status = statusWords === '' ? 'accepted' : STATUSES[normalise(statusWords)];
  if (!status) problems.push({ kind: 'unknownStatus', value: statusWords });
  return { person: { name, language, answers, capacity, status: status ?? 'accepted' }, problems };
}

function readName(value: string, problems: ImportProblem[]): string {
  const cleaned = cleanText(value);
  if (cleaned === '') {
    problems.push({ kind: 'missingName' });
    return '';
  }
  if (FORMULA.test(cleaned)) problems.push({ kind: 'formula', field: 'name' });
  const parsed = parseName(value.trim(), MAX_NAME);
  if (parsed.ok) return String(parsed.answer);
  const key = 'key' in parsed.error ? parsed.error.key : '';
  if (key === 'errors.oneLine') problems.push({ kind: 'severalLines', field: 'name' });
  else if (key === 'errors.tooLong') problems.push({ kind: 'tooLong', field: 'name', max: MAX_NAME });
  else problems.push({ kind: 'nameWithoutLetters' });
  return cleanText(value.replace(/\s+/g, ' ')).slice(0, MAX_NAME);
}

function readChatLanguage(value: string, lookups: ImportLookups, problems: ImportProblem[]): string | null {
  if (value === '') return null;
  const code = lookups.languages.get(normalise(value));
  if (code && lookups.programme.languages.includes(code)) return code;
  problems.push({ kind: 'unknownLanguage', field: 'language', value });
  return null;
}

/** The languages a person speaks besides the local one, as the chat keeps them (codes). */
function readLanguages(value: string, lookups: ImportLookups, problems: ImportProblem[]): string[] {
  const codes: string[] = [];
  for (const word of value.split(/[,;/|]| and | og | och /).map((w) => w.trim())) {
    if (word === '') continue;
    const code = lookups.languages.get(normalise(word));
    if (code === lookups.programme.localLanguage) continue;
    if (code && SPOKEN_LANGUAGES.includes(code)) {
      if (!codes.includes(code)) codes.push(code);
    } else {
      problems.push({ kind: 'unknownLanguage', field: 'languages', value: word });
    }
  }
  return codes;
}

function readCapacity(value: string, problems: ImportProblem[]): number {
  if (value === '') return 1;
  const digits = asciiDigits(value);
  const n = Number(digits);
  if (!/^\d{1,3}$/.test(digits) || n < 1 || n > MAX_CAPACITY) {
    problems.push({ kind: 'capacityNotANumber', value });
    return 1;
  }
  return n;
}

/** Where the person lives, as the chat keeps it: one of the programme's places, or their words. */
function place(kind: ImportKind, words: string, programme: Programme): Answers {
  const [id, inWords] = kind === 'mentors' ? ['city', 'cityOther'] : ['region', 'regionOther'];
  const regions = programme.eligibility.regions;
  if (regions.length === 0) return { [id]: words };
  const region = regions.find((r) => normalise(r) === normalise(words));
  return region ? { [id]: region } : { [id]: 'other', [inWords]: words };
}

const GENDERS: Record<string, string> = {
  woman: 'woman',
  female: 'woman',
  f: 'woman',
  kvinne: 'woman',
  kvinde: 'woman',
  kvinna: 'woman',
  nainen: 'woman',
  man: 'man',
  male: 'man',
  m: 'man',
  mann: 'man',
  mand: 'man',
  mies: 'man',
  other: 'other',
  annet: 'other',
  andet: 'other',
  annat: 'other',
  muu: 'other',
};

const STATUSES: Record<string, ImportedStatus> = {
  accepted: 'accepted',
  active: 'accepted',
  waitlisted: 'waitlisted',
  waitlist: 'waitlisted',
  'waiting list': 'waitlisted',
  waiting: 'submitted',
  submitted: 'submitted',
  new: 'submitted',
};

/** The names of languages and fields of work a spreadsheet may use, worked out once per file. */
export interface ImportLookups {
  programme: Programme;
  languages: Map<string, string>;
  sectors: Map<string, string>;
}

/** Names spreadsheets use that the language-name tables do not give. */
const OTHER_NAMES: Record<string, string> = { dari: 'fa', farsi: 'fa', norwegian: 'nb', norsk: 'nb', tigrigna: 'ti' };

let translator: Translator | undefined;

/**
 * Languages by their code ("ar"), English name ("Arabic"), own name ("العربية") or name in one of
 * the programme's languages ("arabisk"); fields of work by their value ("it") or their name in
 * English or a programme language.
 */
export function importLookups(programme: Programme): ImportLookups {
  translator ??= createTranslator();
  const labels = translator;
  const inLanguages = [...new Set(['en', ...programme.languages])];
  const languages = new Map<string, string>();
  for (const code of new Set([...SPOKEN_LANGUAGES, ...LANGUAGE_CODES, programme.localLanguage])) {
    for (const lng of [code, ...inLanguages]) languages.set(normalise(displayName(code, lng)), code);
  }
  for (const code of new Set([...SPOKEN_LANGUAGES, ...LANGUAGE_CODES, programme.localLanguage])) languages.set(code, code);
  for (const [name, code] of Object.entries(OTHER_NAMES)) languages.set(name, code);
  const sectors = new Map<string, string>();
  for (const sector of SECTORS) {
    for (const lng of inLanguages) sectors.set(normalise(labels.translate({ key: `mentor.options.sector.${sector}` }, lng)), sector);
    sectors.set(normalise(sector), sector);
  }
  return { programme, languages, sectors };
}

function displayName(code: string, lng: string): string {
  try {
    return new Intl.DisplayNames([lng], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}
