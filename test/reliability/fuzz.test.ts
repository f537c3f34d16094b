/**
 * Property-based fuzzing of every conversation. A person (or a coordinator) is brought to a random
 * point of a flow by its usual script, then sent a random sequence of what chat users really send:
 * any unicode (empty, blank, very long, emoji, right-to-left, control characters), numbers, the words
 * and buttons of the last message, stale or invented button values, slash commands with odd arguments
 * and media. After every message: no turn failed, every reply is whole text (no stack trace, no
 * `undefined`, no message key left untranslated), and everything stored still reads with the schema
 * the code reads it with. Nothing a person sends may break their conversation or the next turn.
 *
 * `RELIABILITY=long` runs ten times as many sequences from a fresh seed; `FC_SEED=<n>` replays a reported seed.
 */
import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import en from '../../locales/en.json';
import { detailsSchema } from '../../src/alerts/alertView';
import { FLOWS } from '../../src/conversation/flowRegistry';
import { LANGUAGE_CODES } from '../../src/text/languages';
import { createLogger } from '../../src/runtime/logger';
import { messageSchema } from '../../src/delivery/messageSchema';
import type { InboundContent, RenderedMessage } from '../../src/channels/channel';
import { parseJson } from '../../src/runtime/parseJson';
import type { Programme } from '../../src/settings/programme';
import { parseSession } from '../../src/conversation/session';
import { answersSchema } from '../../src/people/storedAnswers';
import { englishIntake, mentorRegistration } from '../helpers/intakeScript';
import { activePair, answerCheckin, coordinator, setGoals } from '../helpers/pairScript';
import { programmeWith, TestKit } from '../helpers/testKit';
import { anyEvent, coordinatorCommand, type Event, LOCALES, pick } from './fuzzEvents';

const FACTOR = process.env.RELIABILITY === 'long' ? 10 : 1;
/** A fixed seed in `npm test`, so CI repeats itself; a fresh one in the long run. */
const SEED = process.env.FC_SEED !== undefined ? { seed: Number(process.env.FC_SEED) } : FACTOR === 1 ? { seed: 20261130 } : {};
const MAX_EVENTS = 15;
const HOUR_MS = 60 * 60 * 1000;

/** Where a fuzzed conversation starts: who talks, and the script that takes them into the flow. */
interface Entry {
  who: string;
  script: InboundContent[];
  /** How much of the script is always sent (at least the message that opens the flow). */
  min: number;
}

interface Scenario {
  flow: string;
  runs: number;
  programme?: Programme;
  /** What the person sends after the script; any message at all unless the flow wants its own mix. */
  events?: () => fc.Arbitrary<Event>;
  /** Builds the world once, before the flow opens; each run starts again from what it left. */
  setup(kit: TestKit): Promise<Entry[]>;
}

/** The demo programme in all ten languages, so that a language change reaches every locale. */
const programme = (changes: Record<string, unknown> = {}): Programme => programmeWith({ languages: LANGUAGE_CODES, ...changes });
const text = (lines: string[]): InboundContent[] => lines.map((line) => ({ kind: 'text', text: line }));
const press = (value: string): InboundContent => ({ kind: 'choice', value });
const entry = (who: string, script: InboundContent[], min = 1): Entry => ({ who, script, min });

/** The value of the button last offered to `who` whose value starts with `prefix`. */
function offered(kit: TestKit, who: string, prefix: string): string {
  const value = kit.channel
    .sentTo(who)
    .flatMap((m) => m.choices)
    .findLast((c) => c.value.startsWith(prefix))?.value;
  if (value === undefined) throw new Error(`no ${prefix} button was sent to ${who}`);
  return value;
}

const MEETING = ['/met', 'Today', 'We met in person', 'CV', 'Done'];
const CHECKIN = ['Yes, once', 'CV', 'Working on it', 'Working on it', '4', 'No, thank you', '/skip'];

const SCENARIOS: Scenario[] = [
  {
    flow: 'application (welcome and intake)',
    runs: 40,
    setup: async (kit) => {
      await coordinator(kit);
      // Also an applicant the programme's criteria flag: each flag is explained to them as they answer.
      const flagged = englishIntake('Olena').map((line) => ({ yes: 'no', '29': '70' })[line] ?? line);
      return [entry('olena', text(englishIntake('Olena')), 0), entry('olena', text(flagged), 0)];
    },
  },
  {
    flow: 'mentor registration',
    runs: 30,
    setup: async (kit) => {
      await coordinator(kit);
      return [entry('kari', text(mentorRegistration('Kari', 'Civil engineer', 'Woman')), 3)];
    },
  },
  {
    flow: 'consent renewal',
    runs: 20,
    setup: async (kit) => {
      for (const line of englishIntake('Olena')) await kit.person('olena').say(line);
      for (const line of mentorRegistration('Kari', 'Civil engineer', 'Woman')) await kit.person('kari').say(line);
      await kit.reopen(programme({ consent: { version: '2026-09' } }));
      return [entry('olena', text(['hello', 'Yes, I agree', 'Yes'])), entry('kari', text(['/met', 'Yes, I agree']))];
    },
  },
  {
    flow: 'kickoff after a match',
    runs: 30,
    setup: async (kit) => {
      await activePair(kit, 'Olena', 'Kari');
      const script = (who: string) => [press(offered(kit, who, '/kickoff')), ...text(['Yes, I agree', 'Once a month', 'Chat messages', 'OK', 'Yes, send it'])];
      return [entry('olena', script('olena')), entry('kari', script('kari'))];
    },
  },
  {
    flow: 'goals',
    runs: 30,
    setup: async (kit) => {
      await activePair(kit, 'Olena', 'Kari');
      return [
        entry('olena', text(['/goals', 'A job in my field', 'Engineer again', 'A CV', '1', 'Yes', 'Apply for jobs', '2', 'No, that is all', 'Yes, send it'])),
        entry('kari', text(['/goals'])),
      ];
    },
  },
  {
    flow: 'goal edit',
    runs: 30,
    setup: async (kit) => {
      const { mentee, pairId } = await activePair(kit, 'Olena', 'Kari');
      await setGoals(mentee, 'Engineer again', 'A CV');
      return [
        entry('olena', text(['/goal 2 change', 'A better CV', '/skip', 'It was too small'])),
        entry('olena', text(['/goal 1 drop', 'I found another way'])),
        entry('kari', text([`/goal propose ${pairId}`, 'Practise interviews', '1'])),
      ];
    },
  },
  {
    flow: 'meeting log',
    runs: 30,
    setup: async (kit) => {
      await activePair(kit, 'Olena', 'Kari');
      return [entry('olena', text(MEETING)), entry('kari', text(MEETING))];
    },
  },
  {
    flow: 'monthly check-in',
    runs: 30,
    setup: async (kit) => {
      const { mentee } = await activePair(kit, 'Olena', 'Kari');
      await setGoals(mentee, 'Engineer again', 'A CV');
      await kit.days(30);
      return ['olena', 'kari'].map((who) => entry(who, [press(offered(kit, who, '/checkin')), ...text(CHECKIN)]));
    },
  },
  {
    flow: 'survey',
    runs: 30,
    programme: programme({ surveys: { wellbeing: true } }),
    setup: async (kit) => {
      const coco = await coordinator(kit);
      const { pairId } = await activePair(kit, 'Olena', 'Kari');
      await kit.days(1);
      const wellbeing = offered(kit, 'olena', '/survey');
      await coco.say(`/end ${pairId} time quiet`);
      await kit.days(1);
      return [
        entry('olena', [press(wellbeing), ...text(['With my name', 'Most of the time', '/skip', '2', 'Some of the time', 'All of the time'])]),
        entry('kari', [press(offered(kit, 'kari', '/survey')), ...text(['Without my name', '3', '4', 'Maybe', '10', '/skip', '/skip'])]),
      ];
    },
  },
  {
    flow: 'coordinator commands',
    runs: 30,
    events: () => fc.oneof(anyEvent(), coordinatorCommand()),
    setup: async (kit) => {
      await coordinator(kit);
      const { mentee } = await activePair(kit, 'Olena', 'Kari');
      for (const line of englishIntake('Amina')) await kit.person('amina').say(line);
      for (const line of mentorRegistration('Nils', 'Welder', 'Man')) await kit.person('nils').say(line);
      await kit.days(30);
      await answerCheckin(mentee, { met: 'No, not yet', rating: 1, contact: true, note: 'Please call me' });
      return [entry('coco', text(['/applications', '/pairs', '/alerts']), 0)];
    },
  },
];

describe('fuzzing every conversation with random messages', () => {
  for (const scenario of SCENARIOS) {
    it(
      `keeps ${scenario.flow} whole`,
      async () => {
        const errors: string[] = [];
        const kit = new TestKit(scenario.programme ?? programme());
        kit.logger = createLogger('error', (line) => errors.push(line));
        await kit.open();
        try {
          const entries = await scenario.setup(kit);
          expect(errors).toEqual([]);
          const restore = await snapshot(kit);
          for (const start of entries) await walkThrough(kit, start, { restore, errors });
          const run = fc.record({
            at: fc.nat(entries.length - 1),
            prefix: fc.nat(),
            locale: fc.option(pick(LOCALES), { nil: undefined }),
            events: fc.array((scenario.events ?? anyEvent)(), { maxLength: MAX_EVENTS }),
          });
          await fc.assert(
            fc.asyncProperty(run, async ({ at, prefix, locale, events }) => {
              await restore();
              errors.length = 0;
              const start = entries[at] ?? entries[0];
              if (!start) throw new Error('a scenario without entries');
              const scripted = start.script.slice(0, start.min + (prefix % (start.script.length - start.min + 1)));
              const chat = new Chat(kit, { who: start.who, locale }, errors);
              for (const content of scripted) await chat.send(content);
              for (const event of events) await (event.kind === 'wait' ? chat.wait(event.hours) : chat.send(chat.resolve(event)));
            }),
            { numRuns: scenario.runs * FACTOR, ...SEED },
          );
        } finally {
          await kit.close();
        }
      },
      300_000 * FACTOR,
    );
  }
});

/** The whole script, as a check that it really leads through the flow: it ends with no open form. */
async function walkThrough(kit: TestKit, start: Entry, run: { restore: () => Promise<void>; errors: string[] }): Promise<void> {
  await run.restore();
  const chat = new Chat(kit, { who: start.who }, run.errors);
  for (const content of start.script) await chat.send(content);
  const open = kit
    .rows<{ state: string }>('select state from flow_states f join channel_identities c using (participant_id) where c.external_user_id = ?', start.who)
    .map((row) => parseSession(row.state)?.form?.stepId);
  expect(
    open.filter((stepId) => stepId !== undefined),
    `${start.who}: ${kit.channel.sentTo(start.who).at(-1)?.text}`,
  ).toEqual([]);
}

/** Saves the database and the time; the returned function puts both back and starts Kompis again. */
async function snapshot(kit: TestKit): Promise<() => Promise<void>> {
  const saved = join(kit.dir, 'snapshot.db');
  const at = kit.clock.now().getTime();
  kit.app.store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  await kit.app.stop();
  copyFileSync(kit.dbPath, saved);
  await kit.open();
  return async () => {
    await kit.app.stop();
    for (const suffix of ['-wal', '-shm']) rmSync(`${kit.dbPath}${suffix}`, { force: true });
    copyFileSync(saved, kit.dbPath);
    kit.clock.advance(at - kit.clock.now().getTime());
    await kit.open();
  };
}

/** One person's side of a fuzzed conversation, checking every turn as it goes. */
class Chat {
  /** What was typed in this run: a reply may quote it, even when it looks like a bug. */
  private readonly typed: string[] = [];

  constructor(
    private readonly kit: TestKit,
    private readonly person: { who: string; locale?: string },
    private readonly errors: string[],
  ) {}

  /** The concrete message for an event, from the choices this person was last (or ever) shown. */
  resolve(event: Exclude<Event, { kind: 'wait' }>): InboundContent {
    if (event.kind === 'text' || event.kind === 'choice' || event.kind === 'media') return event;
    const seen = this.kit.channel.sentTo(this.person.who);
    const shown = event.kind === 'stale' ? seen.flatMap((m) => m.choices) : (seen.at(-1)?.choices ?? []);
    const words = event.kind === 'words' ? [...shown.map((c) => c.label), ...numberedLabels(seen.at(-1))] : [];
    if (event.kind === 'words' && words.length > 0) {
      const label = words[event.index % words.length] ?? '';
      return { kind: 'text', text: event.shout ? ` ${label.toUpperCase()}! ` : label };
    }
    const choice = shown[event.index % Math.max(shown.length, 1)];
    return choice ? { kind: 'choice', value: choice.value } : { kind: 'text', text: String(event.index % 12) };
  }

  async send(content: InboundContent): Promise<void> {
    if (content.kind === 'text') this.typed.push(content.text);
    if (content.kind === 'choice') this.typed.push(content.value);
    const before = this.kit.channel.sent.length;
    await this.kit.person(this.person.who, this.person.locale).send(content);
    const sent = this.kit.channel.sent.slice(before);
    const context = `after ${JSON.stringify(content).slice(0, 300)}`;
    expect(this.errors, context).toEqual([]);
    expect(sent.filter((s) => s.to.user === this.person.who).length, `no reply ${context}`).toBeGreaterThan(0);
    for (const { message } of sent) expect(replyProblems(message, this.typed), context).toEqual([]);
    expect(storedProblems(this.kit), context).toEqual([]);
  }

  /** Time passes with the scheduler running; whatever it sends meanwhile must be whole too. */
  async wait(hours: number): Promise<void> {
    const before = this.kit.channel.sent.length;
    this.kit.clock.advance(hours * HOUR_MS);
    await this.kit.tick();
    const context = `after ${hours} hours`;
    expect(this.errors, context).toEqual([]);
    for (const { message } of this.kit.channel.sent.slice(before)) expect(replyProblems(message, this.typed), context).toEqual([]);
    expect(storedProblems(this.kit), context).toEqual([]);
  }
}

/** The labels of choices written as a numbered list ("3. Bergen"; isolated in right-to-left text). */
function numberedLabels(message: RenderedMessage | undefined): string[] {
  return (message?.text.split('\n') ?? []).flatMap((line) => /^\u2068?\d+\.\u2069? (.+)$/.exec(line)?.slice(1) ?? []);
}

const KEY = new RegExp(`\\b(?:${Object.keys(en).join('|')})\\.[A-Za-z][\\w.]*`, 'g');
const BROKEN = [/\bundefined\b/, /\[object Object\]/, /\bNaN\b/];
const STACK = /^\s*at .+:\d+:\d+\)?$|\b\w*Error: /m;

/** What is wrong with a rendered reply; what the person typed themselves is not held against it. */
function replyProblems(message: RenderedMessage, typed: string[]): string[] {
  const text = message.text;
  const quoted = (s: string) => typed.some((t) => t.includes(s));
  const problems: string[] = [];
  if (text.trim() === '') problems.push(`an empty reply (${message.keys.join(', ')})`);
  for (const broken of BROKEN) if (broken.test(text) && !typed.some((t) => broken.test(t))) problems.push(`${broken.source} in: ${text}`);
  for (const key of text.match(KEY) ?? []) if (!quoted(key)) problems.push(`untranslated key ${key} in: ${text}`);
  if (STACK.test(text) && !typed.some((t) => STACK.test(t))) problems.push(`a stack trace in: ${text}`);
  return problems;
}

/** JSON columns the code reads, each with the schema it reads it with (or plain JSON.parse). */
const JSON_COLUMNS: { table: string; column: string; valid: (json: string) => boolean }[] = [
  ...['applications.answers', 'mentors.answers', 'checkins.answers', 'survey_responses.answers', 'pairs.kickoff_mentee', 'pairs.kickoff_mentor'].map((c) =>
    column(c, (json) => parseJson(json, answersSchema) !== undefined),
  ),
  column('alerts.details', (json) => parseJson(json, detailsSchema) !== undefined),
  column('outbox.message', (json) => parseJson(json, messageSchema) !== undefined),
  ...['applications.flags', 'meetings.topics', 'goal_changes.before'].map((c) => column(c, isJson)),
];

function column(name: string, valid: (json: string) => boolean) {
  const [table = '', columnName = ''] = name.split('.');
  return { table, column: columnName, valid };
}

function isJson(json: string): boolean {
  try {
    JSON.parse(json);
    return true;
  } catch {
    return false;
  }
}

/** Stored rows the next turn (or a report) could not read. */
function storedProblems(kit: TestKit): string[] {
  const problems: string[] = [];
  for (const row of kit.rows<{ participant_id: number; flow_id: string; state: string }>('select participant_id, flow_id, state from flow_states')) {
    const session = parseSession(row.state);
    if (!session) problems.push(`flow state of ${row.participant_id} does not parse: ${row.state}`);
    else if (session.form && (FLOWS[session.form.flowId] === undefined || session.form.flowId !== row.flow_id)) {
      problems.push(`flow state of ${row.participant_id} names flow ${row.flow_id}: ${row.state}`);
    }
  }
  for (const { table, column: name, valid } of JSON_COLUMNS) {
    for (const row of kit.rows<{ json: string }>(`select ${name} as json from ${table} where ${name} is not null`)) {
      if (!valid(row.json)) problems.push(`${table}.${name} does not parse: ${row.json}`);
    }
  }
  return problems;
}
