import type { RenderedMessage } from '../channels/channel';

/**
 * One line of work in a simulated programme: what a mentee from it and a mentor in it write, so a
 * coordinator trying the simulation reads a believable programme (and the mentee and the mentor of a
 * simulated pair share a field, as a coordinator would match them).
 */
export interface SimulatedField {
  /** A value of `SECTORS`, chosen wherever the field of work is asked. */
  sector: string;
  mentee: { profession: string; studied: string; target: string; goal: string; strengths: string; challenges: string };
  mentor: { profession: string; role: string; interests: string };
}

export const SIMULATED_FIELDS: readonly SimulatedField[] = [
  {
    sector: 'health',
    mentee: {
      profession: 'Nurse',
      studied: 'Nursing',
      target: 'Nurse at a hospital',
      goal: 'Work as a nurse again and get my licence approved',
      strengths: 'Patient care, calm under pressure',
      challenges: 'The licence takes a long time, and my Norwegian is not good enough yet',
    },
    mentor: { profession: 'Nurse', role: 'Ward manager', interests: 'Hiking and choir' },
  },
  {
    sector: 'it',
    mentee: {
      profession: 'Software developer',
      studied: 'Computer science',
      target: 'Backend developer',
      goal: 'Get a job as a developer in a Norwegian company',
      strengths: 'Java, databases, solving problems',
      challenges: 'I have no network here, and employers ask for Norwegian experience',
    },
    mentor: { profession: 'Software developer', role: 'Tech lead', interests: 'Cycling and board games' },
  },
  {
    sector: 'engineering',
    mentee: {
      profession: 'Civil engineer',
      studied: 'Civil engineering',
      target: 'Structural engineer',
      goal: 'Work as an engineer again',
      strengths: 'Structural calculations, AutoCAD',
      challenges: 'My degree is not recognised yet',
    },
    mentor: { profession: 'Civil engineer', role: 'Project manager', interests: 'Skiing and cooking' },
  },
  {
    sector: 'education',
    mentee: {
      profession: 'Teacher',
      studied: 'Mathematics and teaching',
      target: 'Mathematics teacher',
      goal: 'Teach mathematics at a lower secondary school',
      strengths: 'Explaining things simply, working with children',
      challenges: 'I need a teacher approval and better Norwegian',
    },
    mentor: { profession: 'Teacher', role: 'Deputy head teacher', interests: 'Reading and football' },
  },
  {
    sector: 'finance',
    mentee: {
      profession: 'Accountant',
      studied: 'Economics',
      target: 'Accountant',
      goal: 'Find a job in accounting',
      strengths: 'Numbers, Excel, careful work',
      challenges: 'I do not know the Norwegian tax rules yet',
    },
    mentor: { profession: 'Accountant', role: 'Finance manager', interests: 'Running and travel' },
  },
  {
    sector: 'construction',
    mentee: {
      profession: 'Electrician',
      studied: 'Electrical installation',
      target: 'Electrician',
      goal: 'Get a certificate and work as an electrician',
      strengths: 'Practical work, wiring, safety',
      challenges: 'I need the Norwegian certificate and contacts in the trade',
    },
    mentor: { profession: 'Electrician', role: 'Site manager', interests: 'Fishing and woodwork' },
  },
  {
    sector: 'hospitality',
    mentee: {
      profession: 'Chef',
      studied: 'Cooking school',
      target: 'Cook in a restaurant',
      goal: 'Work in a restaurant kitchen and later open my own café',
      strengths: 'Cooking, working fast, teamwork',
      challenges: 'Long hours with small children, and few contacts',
    },
    mentor: { profession: 'Chef', role: 'Head chef', interests: 'Food markets and music' },
  },
  {
    sector: 'transport',
    mentee: {
      profession: 'Truck driver',
      studied: 'Driving school',
      target: 'Bus driver',
      goal: 'Get a Norwegian driving licence for buses',
      strengths: 'Safe driving, good with people',
      challenges: 'The licence is expensive and the test is in Norwegian',
    },
    mentor: { profession: 'Bus driver', role: 'Driving instructor', interests: 'Cars and family trips' },
  },
];

/** Places to live in a simulated programme in these countries; elsewhere the Norwegian ones. */
const CITIES: Record<string, readonly string[]> = {
  NO: ['Oslo', 'Bergen', 'Trondheim', 'Stavanger', 'Drammen', 'Kristiansand'],
  SE: ['Stockholm', 'Göteborg', 'Malmö', 'Uppsala', 'Västerås', 'Örebro'],
  DK: ['København', 'Aarhus', 'Odense', 'Aalborg', 'Esbjerg', 'Vejle'],
  FI: ['Helsinki', 'Espoo', 'Tampere', 'Turku', 'Oulu', 'Vantaa'],
};

/**
 * The simulated answer of person number `index` (from 0) to an application's or a mentor
 * registration's question: their words for a written question, their field where the field of work
 * is asked, the first choice otherwise (as someone in a hurry would).
 */
export function simulatedAnswer(at: { index: number; country: string; prompt: string; message: RenderedMessage }): string {
  const field = SIMULATED_FIELDS[at.index % SIMULATED_FIELDS.length] ?? SIMULATED_FIELDS[0];
  if (!field) return '1';
  const { mentee, mentor } = field;
  const cities = CITIES[at.country] ?? CITIES.NO ?? [];
  const city = cities[at.index % cities.length] ?? '';
  const choices = at.message.choices;
  if (choices.length > 0) {
    const sector = choices.findIndex((c) => c.value === field.sector);
    return /\.(sector|targetSector)\.prompt$/.test(at.prompt) && sector >= 0 ? String(sector + 1) : '1';
  }
  const words: Record<string, string> = {
    'intake.goal.prompt': mentee.goal,
    'intake.profession.prompt': mentee.profession,
    'intake.educationField.prompt': mentee.studied,
    'intake.targetOccupation.prompt': mentee.target,
    'intake.strengths.prompt': mentee.strengths,
    'intake.challenges.prompt': mentee.challenges,
    'intake.region.prompt': city,
    'intake.regionOther.prompt': city,
    'mentor.profession.prompt': mentor.profession,
    'mentor.role.prompt': mentor.role,
    'mentor.city.prompt': city,
    'mentor.interests.prompt': mentor.interests,
  };
  if (at.prompt.endsWith('age.prompt')) return String(26 + ((at.index * 7) % 30));
  return words[at.prompt] ?? 'I would like to tell you more when we meet';
}
