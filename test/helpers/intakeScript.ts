/**
 * A complete application to the demo programme as a person would type it: option numbers, option
 * words, free text and one `/skip`. Each entry is one message.
 */
export const ENGLISH_INTAKE = englishIntake('Olena');

/** The English application with another first name. */
export function englishIntake(name: string): string[] {
  return [
    '/start',
    'English',
    'I want a mentor',
    'OK, continue',
    'Yes, I agree',
    'Yes', // surveys after the programme
    name,
    '1', // right to work: yes
    'Bergen',
    'Everyday talk (B1)',
    '29',
    'yes', // can take part for six months
    'Work as an engineer again',
    '1', // a job in my field
    '1, 2',
    'master',
    'Civil engineering',
    'Ukraine',
    '2', // recognition applied for
    'Civil engineer',
    'Engineering and industry', // the field, from the list mentors choose from
    '3', // 3–5 years
    'Structural engineer',
    '3', // the field of that job: engineering and industry
    'English, Ukrainian',
    '4', // English at work (B2)
    '2, 3',
    'both',
    'Calculations and drawings',
    'Norwegian at work',
    '2', // now: a job below my education
    '2', // in the country for 1–2 years
    '2', // the job centre
    '/skip', // mentor gender
    'I prefer not to say',
    'Yes, send it',
  ];
}

/** The same application in Norwegian, answered mostly with numbers and Norwegian words. */
export const NORWEGIAN_INTAKE = [
  'hei',
  'Norsk bokmål',
  '1',
  'OK, fortsett',
  'Ja, jeg er enig',
  '1', // surveys after the programme: yes
  'Olena',
  'ja',
  'Oslo',
  'I hverdagen (B1)',
  '41',
  '1',
  'Jobbe som sykepleier',
  '1',
  '3',
  '5',
  'Sykepleie',
  'Syria',
  '1',
  'Sykepleier',
  '1', // helse og omsorg
  '5',
  'Sykepleier på sykehus',
  'Helse og omsorg',
  '1',
  '3',
  '1',
  '1',
  'Flink med mennesker',
  'Språket',
  '1', // nå: ingen jobb
  '3', // 3–5 år i landet
  '1',
  '1',
  '/skip',
  'Ja, send',
];

/** A mentor's registration, typed and pressed as a mentor would. `name`, the profession and its field vary. */
export function mentorRegistration(name: string, profession: string, gender: 'Woman' | 'Man', sector = 'Engineering and industry'): string[] {
  return [
    '/start',
    'English',
    'I want to be a mentor',
    'OK, continue',
    'Yes, I agree',
    name,
    profession,
    sector,
    'Project lead',
    '/skip', // employer
    '3',
    'English, Ukrainian',
    'Bergen',
    'both',
    'One',
    gender,
    'Yes',
    'Chess',
    '1, 2',
    'Yes, send it',
  ];
}
