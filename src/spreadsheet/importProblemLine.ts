import { assertNever } from '../runtime/errors';
import type { ImportField } from './importColumns';
import type { ImportFileProblem } from './previewImport';
import type { ImportProblem } from './readImportRow';

/** One row's problem in a few plain English words, for the command line (the desk says it in the coordinator's language, `importProblemText`). */
export function importProblemLine(problem: ImportProblem): string {
  switch (problem.kind) {
    case 'unclosedQuote':
      return 'a quote (") opened in this row is never closed, so the rest of the file was read as one cell';
    case 'textAfterQuote':
      return 'text follows a closing quote (") in a cell';
    case 'cellTooLong':
      return `a cell is longer than ${problem.max} characters`;
    case 'tooManyColumns':
      return `more than ${problem.max} cells`;
    case 'missingName':
      return 'no name';
    case 'nameWithoutLetters':
      return 'the name has no letters';
    case 'severalLines':
      return `the ${FIELD_NAMES[problem.field]} is on more than one line`;
    case 'tooLong':
      return `the ${FIELD_NAMES[problem.field]} is longer than ${problem.max} characters`;
    case 'formula':
      return `the ${FIELD_NAMES[problem.field]} starts with = + - or @, which spreadsheets run as a formula`;
    case 'unknownLanguage':
      return problem.field === 'language'
        ? `"${problem.value}" is not one of the programme's chat languages`
        : `unknown language "${problem.value}" (write its name in English, such as Arabic, or its code, such as ar)`;
    case 'unknownSector':
      return `unknown field of work "${problem.value}"`;
    case 'unknownGender':
      return `unknown gender "${problem.value}" (woman, man or other, or leave it empty)`;
    case 'unknownStatus':
      return `unknown status "${problem.value}" (accepted, waitlisted or submitted)`;
    case 'capacityNotANumber':
      return `capacity "${problem.value}" is not a whole number from 1 to 10`;
    case 'duplicateOfRow':
      return `the same name as row ${problem.row}`;
    case 'alreadyInKompis':
      return `already in Kompis as #${problem.participantId}`;
    default:
      return assertNever(problem, 'import problem');
  }
}

/** What keeps the whole file from being imported, in plain English. */
export function importFileProblemLine(problem: ImportFileProblem): string {
  switch (problem.kind) {
    case 'tooLarge':
      return `the file is larger than ${Math.round(problem.maxBytes / 1024 / 1024)} MB; split it into smaller files`;
    case 'notUtf8':
      return 'the file is not UTF-8 text; save it from the spreadsheet as "CSV UTF-8"';
    case 'empty':
      return 'the file is empty';
    case 'tooManyRows':
      return `the file has more than ${problem.maxRows} rows; split it into smaller files`;
    case 'headerBroken':
      return 'the first row (the column names) has broken quoting';
    case 'noNameColumn':
      return 'no column holds the names; name one "name", or map it: --map "YOUR HEADER=name"';
    case 'sameFieldTwice':
      return `the columns ${problem.headers.map((h) => `"${h}"`).join(' and ')} both hold the ${FIELD_NAMES[problem.field]}; map one of them to ignore`;
    case 'mappedHeaderMissing':
      return `the file has no column "${problem.header}"`;
    case 'mappedFieldUnknown':
      return `"${problem.field}" is not a field Kompis imports`;
    default:
      return assertNever(problem, 'import file problem');
  }
}

const FIELD_NAMES: Record<ImportField, string> = {
  name: 'name',
  language: 'chat language',
  languages: 'languages',
  profession: 'profession',
  sector: 'field of work',
  role: 'role',
  city: 'city',
  capacity: 'capacity',
  gender: 'gender',
  interests: 'interests',
  goal: 'goal',
  status: 'status',
};
