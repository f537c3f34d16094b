import { createApp } from '../cli/app';
import { OperatorError } from '../runtime/errors';
import type { Clock } from '../runtime/clock';
import { silentLogger } from '../runtime/logger';
import type { InboundContent, RenderedMessage } from '../channels/channel';
import type { Programme } from '../settings/programme';
import { Random } from './random';
import { SimChannel } from './simChannel';
import { simulatedAnswer } from './simulatedPeople';

export interface SimulationOptions {
  databasePath: string;
  programme: Programme;
  pairs: number;
  months: number;
  seed: number;
}

/** How a pair behaves: meets and answers, fades out, or is one of the cases a coordinator must see. */
export type Persona = 'active' | 'fading' | 'busyMentor' | 'helpRequest' | 'blocks';

export interface SimulationResult {
  seed: number;
  pairs: number;
  months: number;
  personas: Record<string, number>;
  /** Messages sent by Kompis, by kind: replies, check-ins, reminders, nudges, alerts, ... */
  sent: Record<string, number>;
  alerts: Record<string, number>;
  checkins: { sent: number; answered: number };
  meetings: number;
  pairsByStatus: Record<string, number>;
  unreachable: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** Monday 4 January 2027, 10:00 in Oslo: a cohort starting after the new year. */
const START = Date.parse('2027-01-04T09:00:00Z');
const SIM_INVITE_CODE = 'simulated-coordinators';

class SimClock implements Clock {
  constructor(public ms: number) {}
  now(): Date {
    return new Date(this.ms);
  }
}

interface Member {
  user: string;
  name: string;
  id: number;
}

interface SimPair {
  id: number;
  persona: Persona;
  mentee: Member;
  mentor: Member;
  nextMeetingDay: number;
}

/**
 * Runs a synthetic cohort through the real engine, store, scheduler and outbox, with a fake clock and
 * a fake channel: people apply and register by chat, the coordinator matches them, and for `months`
 * the scheduler runs each day while the simulated people meet, answer check-ins, or do not, as their
 * persona says. The same seed gives the same result.
 */
export async function simulate(options: SimulationOptions): Promise<SimulationResult> {
  const random = new Random(options.seed);
  const clock = new SimClock(START);
  const channel = new SimChannel(() => clock.now());
  const programme: Programme = { ...options.programme, coordinatorInviteCode: SIM_INVITE_CODE };
  const app = createApp({ databasePath: options.databasePath, programme, adapters: [channel], clock, logger: silentLogger });
  const sqlite = app.store.sqlite;
  if ((sqlite.prepare('select count(*) as n from participants').get() as { n: number }).n > 0) {
    app.store.close();
    throw new OperatorError(`the database already holds people; point DATABASE_PATH at a new file for a simulation`);
  }
  await channel.start(app.onInbound);
  const identity = sqlite.prepare("select participant_id as id from channel_identities where channel = 'console' and external_user_id = ?");
  const openForm = sqlite.prepare("select 1 from flow_states where participant_id = ? and flow_id <> 'none'");
  const idOf = (user: string) => (identity.get(user) as { id: number }).id;
  const inForm = (user: string) => openForm.get(idOf(user)) !== undefined;

  /** Says something and returns the last message it got back. */
  const say = async (user: string, content: InboundContent): Promise<RenderedMessage | undefined> => {
    await channel.say(user, content);
    return channel.take(user).at(-1);
  };
  const text = (value: string): InboundContent => ({ kind: 'text', text: value });

  /** Answers the open form with `answer` until it is done. */
  const fill = async (user: string, first: RenderedMessage | undefined, answer: (prompt: string, m: RenderedMessage) => InboundContent) => {
    let last = first;
    for (let i = 0; i < 80 && last && inForm(user); i++) last = await say(user, answer(promptOf(last), last));
  };

  try {
    const coordinator = 'coordinator';
    await say(coordinator, text(`/coordinator ${SIM_INVITE_CODE}`));

    const personas = assignPersonas(options.pairs, random);
    const mentors: Member[] = [];
    const pairs: SimPair[] = [];
    for (let i = 0; i < options.pairs; i++) {
      const persona = personas[i] ?? 'active';
      const mentee = await join(`mentee${i + 1}`, `Mentee ${i + 1}`, 'apply', i);
      const shared = persona === 'busyMentor' ? mentors.find((m) => m.user === 'busy-mentor') : undefined;
      const mentor = shared ?? (await join(persona === 'busyMentor' ? 'busy-mentor' : `mentor${i + 1}`, persona === 'busyMentor' ? 'Busy Mentor' : `Mentor ${i + 1}`, 'mentor', i));
      if (!shared) mentors.push(mentor);
      // A new mentor is screened first: the coordinator approves them.
      if (!shared) await say(coordinator, text(`/mentor ${mentor.id} approve`));
      await say(coordinator, text(`/accept ${mentee.id}`));
      await say(coordinator, text(`/match ${mentee.id} ${mentor.id}`));
      for (const member of [mentee, mentor]) {
        const proposal = channel.take(member.user).find((m) => m.choices.some((c) => c.value.endsWith(' yes')));
        const yes = proposal?.choices.find((c) => c.value.endsWith(' yes'));
        if (yes) await say(member.user, { kind: 'choice', value: yes.value });
      }
      const pairId = (sqlite.prepare("select id from pairs where mentee_id = ? and status = 'active'").get(mentee.id) as { id: number } | undefined)?.id;
      if (pairId !== undefined) pairs.push({ id: pairId, persona, mentee, mentor, nextMeetingDay: random.int(3, 10) });
    }
    channel.take(coordinator);

    const days = Math.round(options.months * 30.4);
    for (let day = 1; day <= days; day++) {
      clock.ms = START + day * DAY_MS;
      app.scheduler.runDue();
      await app.outbox.drain();
      for (const pair of pairs) await live(pair, day);
      channel.take(coordinator);
    }
    return report();

    /** Person number `index` applies or registers, answering as someone of that number's field would. */
    async function join(user: string, name: string, payload: 'apply' | 'mentor', index: number): Promise<Member> {
      const first = await say(user, text(`/start ${payload}`));
      await fill(user, first, (prompt, m) => {
        if (prompt === 'common.name.prompt') return text(name);
        if (prompt === 'mentor.capacity.prompt' && user === 'busy-mentor') return text('3');
        return text(simulatedAnswer({ index, country: programme.country, prompt, message: m }));
      });
      return { user, name, id: idOf(user) };
    }

    /** One day in the life of a pair: a meeting when it is due, and the check-ins as the persona answers them. */
    async function live(pair: SimPair, day: number): Promise<void> {
      const { persona } = pair;
      if (persona === 'blocks' && day === 45) channel.blocked.add(pair.mentee.user);
      const fadedAway = persona === 'fading' && day > 40;
      if (!fadedAway && persona !== 'busyMentor' && day >= pair.nextMeetingDay && !channel.blocked.has(pair.mentee.user)) {
        pair.nextMeetingDay = day + random.int(9, 20);
        const logger = random.chance(0.7) ? pair.mentee : pair.mentor;
        if (!inForm(logger.user)) await fill(logger.user, await say(logger.user, text(`/met`)), () => text('1'));
      }
      for (const member of [pair.mentee, pair.mentor]) {
        const inbox = channel.take(member.user);
        const survey = inbox.find((m) => m.choices.some((c) => c.value.startsWith('/survey ')));
        if (survey && random.chance(persona === 'fading' ? 0.4 : 0.8)) await answerSurvey(member.user, survey);
        const invitation = inbox.find((m) => m.choices.some((c) => c.value.startsWith('/checkin ')));
        if (!invitation || !answers(persona, member === pair.mentor, day)) continue;
        const start = invitation.choices.find((c) => c.value.startsWith('/checkin '));
        if (!start || inForm(member.user)) continue;
        const asksForHelp = persona === 'helpRequest' && member === pair.mentee && day > 50;
        await fill(member.user, await say(member.user, { kind: 'choice', value: start.value }), (prompt) => {
          switch (prompt) {
            case 'checkin.met.prompt':
              return text(persona === 'fading' || persona === 'busyMentor' ? '1' : String(random.int(2, 4)));
            case 'checkin.obstacle.prompt':
              return text(persona === 'busyMentor' ? '1' : String(random.int(1, 7)));
            case 'checkin.rating.prompt':
              return text(asksForHelp ? '2' : persona === 'fading' ? '3' : String(random.int(4, 5)));
            case 'checkin.contact.prompt':
              return text(asksForHelp ? '1' : '2');
            case 'checkin.note.prompt':
              return text(asksForHelp ? 'I need help with my residence permit' : '/skip');
            default:
              return text('1');
          }
        });
      }
    }

    /** Answers a survey by pressing its buttons: outcomes as a cohort might report them, the rest at random. */
    async function answerSurvey(user: string, invitation: RenderedMessage): Promise<void> {
      const start = invitation.choices.find((c) => c.value.startsWith('/survey '));
      if (!start || inForm(user)) return;
      let last = await say(user, { kind: 'choice', value: start.value });
      for (let i = 0; i < 60 && last && inForm(user); i++) {
        const options = last.choices.filter((c) => !c.value.startsWith('@'));
        const values = options.map((c) => c.value);
        if (values.includes('job')) {
          const roll = random.next();
          const outcome = roll < 0.35 ? 'job' : roll < 0.5 ? 'internship' : roll < 0.65 ? 'education' : roll < 0.7 ? 'business' : 'none';
          await say(user, { kind: 'choice', value: outcome });
          last = await say(user, { kind: 'choice', value: '@done' });
        } else if (last.choices.some((c) => c.value === '@done')) {
          await say(user, { kind: 'choice', value: values[random.int(0, values.length - 1)] ?? '' });
          last = await say(user, { kind: 'choice', value: '@done' });
        } else if (options.length > 0) {
          // Answers lean to the kind end of a scale, as programme surveys do.
          const index = values.every((v) => /^\d+$/.test(v)) ? random.int(Math.floor(values.length / 2), values.length - 1) : random.int(0, values.length - 1);
          last = await say(user, { kind: 'choice', value: values[index] ?? '' });
        } else {
          last = await say(user, text(last.choices.some((c) => c.value === '@skip') ? '/skip' : 'It was good'));
        }
      }
    }

    /** Whether a member answers the check-in they got today. */
    function answers(persona: Persona, isMentor: boolean, day: number): boolean {
      if (persona === 'fading') return day < 40;
      if (persona === 'busyMentor') return !isMentor;
      return random.chance(0.9);
    }

    function report(): SimulationResult {
      const count = (query: string) => Object.fromEntries((sqlite.prepare(query).all() as { k: string; n: number }[]).map((r) => [r.k, r.n]));
      const one = (query: string) => (sqlite.prepare(query).get() as { n: number }).n;
      return {
        seed: options.seed,
        pairs: options.pairs,
        months: options.months,
        personas: personas.reduce<Record<string, number>>((acc, p) => ({ ...acc, [p]: (acc[p] ?? 0) + 1 }), {}),
        sent: count(`select case when dedupe_key like 'turn:%' then 'reply' else substr(dedupe_key, 1, instr(dedupe_key, ':') - 1) end as k,
                       count(*) as n from outbox where status = 'sent' group by k order by k`),
        alerts: count('select kind as k, count(*) as n from alerts group by kind order by kind'),
        checkins: { sent: one('select count(*) as n from checkins'), answered: one('select count(*) as n from checkins where answered_at is not null') },
        meetings: one('select count(*) as n from meetings'),
        pairsByStatus: count('select status as k, count(*) as n from pairs group by status order by status'),
        unreachable: one('select count(*) as n from participants where unreachable = 1'),
      };
    }
  } finally {
    await app.stop();
  }
}

/** The cohort's make-up: one busy mentor with three mentees, one help request, one person who blocks the bot; the rest meet or fade. */
function assignPersonas(count: number, random: Random): Persona[] {
  const personas: Persona[] = [];
  if (count >= 6) personas.push('busyMentor', 'busyMentor', 'busyMentor');
  if (count >= 2) personas.push('helpRequest');
  if (count >= 3) personas.push('blocks');
  while (personas.length < count) personas.push(random.chance(0.7) ? 'active' : 'fading');
  return personas;
}

/** The key of the question a message asks: its last line's key ending in `.prompt`. */
function promptOf(message: RenderedMessage): string {
  return [...message.keys].reverse().find((k) => k.endsWith('.prompt')) ?? '';
}
