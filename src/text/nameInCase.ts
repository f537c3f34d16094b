/**
 * Country and language names in the grammatical case a sentence needs, for the languages where the
 * name alone does not fit ("в Норвегии", "в Норвегії", "Suomessa", "Norveç'te", "puhut norjaa"). A locale text asks for a case
 * with the formatter's option: `{{country, regionName(case: in)}}`, `{{language, languageName(case: speak)}}`.
 *
 * - `in`: where something is ("in Norway"); `to`: where someone goes ("to Norway").
 * - `speak`: the form after "speak" or "know" (Finnish partitive, Ukrainian instrumental).
 *
 * A name the table does not hold gets the language's fallback, which keeps the sentence grammatical
 * with the plain name ("країні Швейцарія").
 */
export function nameInCase(kind: 'region' | 'language', code: string, language: string, grammaticalCase: string, plain: string): string {
  const forms = FORMS[language]?.[kind]?.[grammaticalCase];
  if (!forms) return plain;
  return forms[code] ?? forms['*']?.replace('{}', plain) ?? plain;
}

/**
 * Names as people of the language write them, where the data of `Intl` gives another country's
 * spelling: Dari as written in Afghanistan, not Iran.
 */
export function nameAsWritten(kind: 'region' | 'language', code: string, language: string): string | undefined {
  return WRITTEN[language]?.[kind]?.[code];
}

type Table = Record<string, Record<string, Record<string, Record<string, string>>>>;

// The countries Kompis's programmes run in, and the languages spoken there; `*` is the fallback.
const FORMS: Table = {
  fi: {
    region: {
      in: { NO: 'Norjassa', SE: 'Ruotsissa', DK: 'Tanskassa', FI: 'Suomessa', '*': 'maassa {}' },
      to: { NO: 'Norjaan', SE: 'Ruotsiin', DK: 'Tanskaan', FI: 'Suomeen', '*': 'maahan {}' },
    },
    language: {
      speak: { no: 'norjaa', nb: 'norjaa', sv: 'ruotsia', da: 'tanskaa', fi: 'suomea', en: 'englantia', '*': 'kieltä {}' },
    },
  },
  ru: {
    region: {
      in: { NO: 'Норвегии', SE: 'Швеции', DK: 'Дании', FI: 'Финляндии', '*': 'стране {}' },
      to: { NO: 'Норвегию', SE: 'Швецию', DK: 'Данию', FI: 'Финляндию', '*': 'страну {}' },
    },
  },
  tr: {
    region: {
      in: { NO: "Norveç'te", SE: "İsveç'te", DK: "Danimarka'da", FI: "Finlandiya'da", '*': '{} ülkesinde' },
      to: { NO: "Norveç'e", SE: "İsveç'e", DK: "Danimarka'ya", FI: "Finlandiya'ya", '*': '{} ülkesine' },
    },
  },
  uk: {
    region: {
      in: { NO: 'Норвегії', SE: 'Швеції', DK: 'Данії', FI: 'Фінляндії', '*': 'країні {}' },
      to: { NO: 'Норвегії', SE: 'Швеції', DK: 'Данії', FI: 'Фінляндії', '*': 'країни {}' },
    },
    language: {
      speak: { no: 'норвезькою', nb: 'норвезькою', sv: 'шведською', da: 'данською', fi: 'фінською', en: 'англійською', '*': 'мовою {}' },
    },
  },
};

const WRITTEN: Record<string, Record<string, Record<string, string>>> = {
  fa: { language: { fa: 'دری', tr: 'ترکی', da: 'دنمارکی' } },
};
