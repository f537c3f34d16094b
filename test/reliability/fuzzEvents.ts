/**
 * What the fuzz test sends: random events a person could cause — text in any script, numbers,
 * commands, words and buttons of the last message, stale and made-up presses, media, and time
 * passing — as fast-check arbitraries.
 */
import fc from 'fast-check';
import type { InboundContent } from '../../src/channels/channel';

/**
 * An event before it meets the conversation: the words, buttons and stale buttons are picked then.
 * `wait` lets hours or days pass with the scheduler running, so reminders and new invitations arrive
 * in the middle of a flow and the person comes back after a pause.
 */
export type Event = InboundContent | { kind: 'words' | 'button' | 'stale'; index: number; shout: boolean } | { kind: 'wait'; hours: number };

export const pick = <T>(items: readonly T[]): fc.Arbitrary<T> => fc.constantFrom(...items);
const joined = (parts: fc.Arbitrary<string>, max = 6) => fc.array(parts, { maxLength: max }).map((p) => p.join(' '));

/** Platform locales: offered ones, with a region, Norwegian without a standard, and unknown ones. */
export const LOCALES = ['ar', 'fa-AF', 'uk', 'so', 'ti', 'ru-RU', 'nb-NO', 'no', 'en_GB', 'de', 'xx-YY', ''];
const EMOJI = ['😀', '👩🏽‍💻', '🇳🇴', '🇺🇦', '❤️', '👍🏿', '🧑‍🤝‍🧑', '🏳️‍🌈', '1️⃣', '\u{1F600}\u{FE0F}'];
const RTL = ['مرحبا', 'أريد مرشدا', 'שלום', 'سلام دوست', '\u200f', '\u202e', '\u2067', '٣', '۱۲', '١، ٣', 'نعم', 'ኣይፋል'];
const CONTROL = ['\u0000', '\u0007', '\u0008', '\u001b[31m', '\u007f', '\u0085', '\u009f', '\r\n', '\t', '\ufeff', '\u200b'];
const BLANK = ['', ' ', '   ', '\n', '\t', '\u00a0', '\u2003', '\u3000', '\u200e'];
const NUMBERS = [
  '0',
  '00',
  '1',
  '2',
  '3',
  '5',
  '10',
  '11',
  '-1',
  '1.5',
  '1,5',
  '1, 2',
  '1 3',
  '1;;2',
  '1e3',
  '0x10',
  '99999999999999999999',
  'Infinity',
  '17.11',
  '31.02',
  '2026-13-01',
  '30.11.2026',
];
const COMMANDS = [
  'back',
  'skip',
  'cancel',
  'help',
  'start',
  'delete',
  'privacy',
  'mydata',
  'profile',
  'goals',
  'met',
  'status',
  'language',
  'kickoff',
  'goal',
  'checkin',
  'survey',
  'proposal',
  'coordinator',
  'applications',
  'view',
  'invite',
  'accept',
  'waitlist',
  'decline',
  'suggest',
  'match',
  'pairs',
  'pair',
  'pause',
  'resume',
  'end',
  'alerts',
  'alert',
  'report',
  'frobnicate',
  '',
];
const WORDS = [
  'yes',
  'no',
  'done',
  'change',
  'drop',
  'accept',
  'decline',
  'propose',
  'snooze',
  'resolve',
  'jobFound',
  'time',
  'apply',
  'mentor',
  'demo-coordinators',
  '#1',
  '@submit',
  '@change',
  '@skip',
  '@done',
  'continue',
];

const unicode = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1000, maxLength: 5000 }) },
  { weight: 2, arbitrary: joined(pick([...EMOJI, 'ok', 'CV'])) },
  { weight: 2, arbitrary: joined(pick(RTL)) },
  { weight: 1, arbitrary: fc.array(pick([...CONTROL, 'a', '1', '/help']), { maxLength: 8 }).map((p) => p.join('')) },
  { weight: 1, arbitrary: fc.array(pick(BLANK), { maxLength: 4 }).map((p) => p.join('')) },
);
const number = fc.oneof(pick(NUMBERS), fc.integer({ min: -20, max: 40 }).map(String), fc.double().map(String));
const argument = fc.oneof(fc.integer({ min: -1, max: 12 }).map(String), pick(WORDS), fc.string({ maxLength: 12 }));
const slash = fc
  .record({ name: pick(COMMANDS), suffix: pick(['', '@kompisbot', ' ']), args: fc.array(argument, { maxLength: 3 }), upper: fc.boolean() })
  .map(({ name, suffix, args, upper }) => `/${upper ? name.toUpperCase() : name}${suffix}${args.map((a) => ` ${a}`).join('')}`);
const madeUpValue = fc.oneof(fc.string({ maxLength: 30 }), pick(WORDS), slash, fc.integer().map(String));
const media = pick(['photo', 'voice', 'video', 'document', 'sticker', 'location', 'other'] as const);
const COORDINATOR = ['applications', 'view', 'invite', 'accept', 'waitlist', 'decline', 'suggest', 'match', 'pairs', 'pair', 'pause', 'resume', 'end', 'alerts', 'alert', 'report'];
const id = fc.oneof(fc.integer({ min: 1, max: 6 }).map(String), argument);
/** A coordinator's command with ids of people, pairs and alerts that mostly exist. */
export const coordinatorCommand = (): fc.Arbitrary<Event> =>
  fc
    .record({ name: pick(COORDINATOR), args: fc.array(fc.oneof(id, pick(WORDS)), { maxLength: 3 }) })
    .map(({ name, args }) => ({ kind: 'text', text: [`/${name}`, ...args].join(' ') }));
const picked = (kind: 'words' | 'button' | 'stale') => fc.record({ kind: fc.constant(kind), index: fc.nat(), shout: fc.boolean() });

/** Anything a chat user could send. */
export const anyEvent = (): fc.Arbitrary<Event> =>
  fc.oneof(
    { weight: 4, arbitrary: unicode.map((t): Event => ({ kind: 'text', text: t })) },
    { weight: 2, arbitrary: number.map((t): Event => ({ kind: 'text', text: t })) },
    { weight: 3, arbitrary: slash.map((t): Event => ({ kind: 'text', text: t })) },
    { weight: 4, arbitrary: picked('words') },
    { weight: 4, arbitrary: picked('button') },
    { weight: 1, arbitrary: picked('stale') },
    { weight: 1, arbitrary: madeUpValue.map((value): Event => ({ kind: 'choice', value })) },
    { weight: 1, arbitrary: media.map((mediaType): Event => ({ kind: 'media', mediaType })) },
    { weight: 1, arbitrary: fc.oneof(fc.integer({ min: 1, max: 14 }), fc.integer({ min: 24, max: 40 * 24 })).map((hours): Event => ({ kind: 'wait', hours })) },
  );
