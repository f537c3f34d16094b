import { assertNever } from '../runtime/errors';
import { t, type Text } from '../text/messages';
import { oneLine } from '../text/oneLine';
import type { ImportField } from './importColumns';
import type { ImportFileProblem } from './previewImport';
import type { ImportProblem } from './readImportRow';

/** One row's problem in the reader's language, for the desk (the command line says it in English, `importProblemLine`). */
export function importProblemText(problem: ImportProblem): Text {
  switch (problem.kind) {
    case 'unclosedQuote':
    case 'textAfterQuote':
    case 'missingName':
    case 'nameWithoutLetters':
      return t(`desk.import.problem.${problem.kind}`);
    case 'cellTooLong':
    case 'tooManyColumns':
      return t(`desk.import.problem.${problem.kind}`, { max: problem.max });
    case 'severalLines':
    case 'formula':
      return t(`desk.import.problem.${problem.kind}`, { field: fieldName(problem.field) });
    case 'tooLong':
      return t('desk.import.problem.tooLong', { field: fieldName(problem.field), max: problem.max });
    case 'unknownLanguage':
      return t(problem.field === 'language' ? 'desk.import.problem.unknownChatLanguage' : 'desk.import.problem.unknownLanguage', { value: oneLine(problem.value) });
    case 'unknownSector':
    case 'unknownGender':
    case 'unknownStatus':
    case 'capacityNotANumber':
      return t(`desk.import.problem.${problem.kind}`, { value: oneLine(problem.value) });
    case 'duplicateOfRow':
      return t('desk.import.problem.duplicateOfRow', { row: problem.row });
    case 'alreadyInKompis':
      return t('desk.import.problem.alreadyInKompis', { id: problem.participantId });
    default:
      return assertNever(problem, 'import problem');
  }
}

/** What keeps the whole file from being imported, in the reader's language. */
export function importFileProblemText(problem: ImportFileProblem): Text {
  switch (problem.kind) {
    case 'notUtf8':
    case 'empty':
    case 'headerBroken':
    case 'noNameColumn':
      return t(`desk.import.fileProblem.${problem.kind}`);
    case 'tooLarge':
      return t('desk.import.fileProblem.tooLarge', { mb: Math.round(problem.maxBytes / 1024 / 1024) });
    case 'tooManyRows':
      return t('desk.import.fileProblem.tooManyRows', { max: problem.maxRows });
    case 'sameFieldTwice':
      return t('desk.import.fileProblem.sameFieldTwice', { headers: problem.headers.map((h) => `“${oneLine(h)}”`).join(', '), field: fieldName(problem.field) });
    case 'mappedHeaderMissing':
      return t('desk.import.fileProblem.mappedHeaderMissing', { header: oneLine(problem.header) });
    case 'mappedFieldUnknown':
      return t('desk.import.fileProblem.mappedFieldUnknown', { field: oneLine(problem.field) });
    default:
      return assertNever(problem, 'import file problem');
  }
}

function fieldName(field: ImportField): Text {
  return t(`desk.import.field.${field}`);
}
