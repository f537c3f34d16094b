import { z } from 'zod';
import { assertNever } from '../runtime/errors';
import type { Choice, Text } from '../text/messages';

/**
 * What a button asks Kompis to do. A button carries its action as the short command a person could
 * also type (`/proposal 12 yes`), so typing works where a channel has no buttons. Build a button only
 * with `button()`; read one only with `decodeAction()`: no other code builds or splits these strings.
 */
export type Action =
  | { name: 'view' | 'invite' | 'accept' | 'waitlist' | 'decline' | 'suggest'; applicant: number }
  | { name: 'match'; mentee: number; mentor: number }
  | { name: 'pair' | 'pause' | 'resume' | 'kickoff' | 'met'; pair: number }
  | { name: 'end'; pair: number; reason: string; tell?: 'share' | 'quiet' }
  | { name: 'undoEnd'; pair: number }
  | { name: 'proposal'; pair: number; answer: 'yes' | 'no' }
  | { name: 'proposalReason'; pair: number; reason: string }
  | { name: 'goals' | 'mydata' | 'profile' }
  | { name: 'goalPropose'; pair: number }
  | { name: 'goal'; goal: number; step: 'done' | 'change' | 'drop' | 'accept' | 'decline' }
  | { name: 'checkin'; checkin: number }
  | { name: 'survey'; invitation: number }
  | { name: 'alert'; alert: number }
  | { name: 'alertAct'; act: 'nudge' | 'snooze' | 'resolve'; alert: number }
  | { name: 'delete'; answer?: 'yes' | 'no' }
  | { name: 'privacy'; consent: string; answer: 'yes' | 'no' }
  | { name: 'interested'; application: number; answer: 'yes' | 'no' }
  | { name: 'thread' | 'reply' | 'take' | 'close'; thread: number }
  | { name: 'contact' | 'done' }
  | { name: 'contactPerson'; person: number }
  | { name: 'broadcast'; broadcast: number; step: 'send' | 'cancel' }
  | { name: 'events' }
  | { name: 'event' | 'gathering'; gathering: number }
  | { name: 'rsvp'; gathering: number; answer: 'yes' | 'no' | 'maybe' }
  | { name: 'came'; gathering: number; person: number }
  | { name: 'mentorView'; mentor: number }
  | { name: 'mentorScreen'; mentor: number; decision: 'approve' | 'talk' | 'decline' }
  | { name: 'mentorSelf' | 'mentorPause' | 'mentorResume' | 'keep' }
  | { name: 'mentorCapacity'; capacity: number }
  | { name: 'introduce'; pair: number; answer: 'yes' | 'no' }
  | { name: 'write'; pair: number }
  | { name: 'privacyContact'; pair: number }
  | { name: 'firstMeeting'; pair: number }
  | { name: 'firstMeetingAccept'; plan: number }
  | { name: 'fit'; pair: number; answer: 'yes' | 'unsure' | 'no' }
  | { name: 'rematch'; pair: number; confirm?: 'yes' };

const id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const word = z.string().regex(/^[a-zA-Z]{1,32}$/);
const yesNo = z.enum(['yes', 'no']);

const actionSchema = z.discriminatedUnion('name', [
  z.strictObject({ name: z.enum(['view', 'invite', 'accept', 'waitlist', 'decline', 'suggest']), applicant: id }),
  z.strictObject({ name: z.literal('match'), mentee: id, mentor: id }),
  z.strictObject({ name: z.enum(['pair', 'pause', 'resume', 'kickoff', 'met']), pair: id }),
  z.strictObject({ name: z.literal('end'), pair: id, reason: word, tell: z.enum(['share', 'quiet']).optional() }),
  z.strictObject({ name: z.literal('undoEnd'), pair: id }),
  z.strictObject({ name: z.literal('proposal'), pair: id, answer: yesNo }),
  z.strictObject({ name: z.literal('proposalReason'), pair: id, reason: word }),
  z.strictObject({ name: z.enum(['goals', 'mydata', 'profile']) }),
  z.strictObject({ name: z.literal('goalPropose'), pair: id }),
  z.strictObject({ name: z.literal('goal'), goal: id, step: z.enum(['done', 'change', 'drop', 'accept', 'decline']) }),
  z.strictObject({ name: z.literal('checkin'), checkin: id }),
  z.strictObject({ name: z.literal('survey'), invitation: id }),
  z.strictObject({ name: z.literal('alert'), alert: id }),
  z.strictObject({ name: z.literal('alertAct'), act: z.enum(['nudge', 'snooze', 'resolve']), alert: id }),
  z.strictObject({ name: z.literal('delete'), answer: yesNo.optional() }),
  z.strictObject({ name: z.literal('privacy'), consent: word, answer: yesNo }),
  z.strictObject({ name: z.literal('interested'), application: id, answer: yesNo }),
  z.strictObject({ name: z.enum(['thread', 'reply', 'take', 'close']), thread: id }),
  z.strictObject({ name: z.enum(['contact', 'done']) }),
  z.strictObject({ name: z.literal('contactPerson'), person: id }),
  z.strictObject({ name: z.literal('broadcast'), broadcast: id, step: z.enum(['send', 'cancel']) }),
  z.strictObject({ name: z.literal('events') }),
  z.strictObject({ name: z.enum(['event', 'gathering']), gathering: id }),
  z.strictObject({ name: z.literal('rsvp'), gathering: id, answer: z.enum(['yes', 'no', 'maybe']) }),
  z.strictObject({ name: z.literal('came'), gathering: id, person: id }),
  z.strictObject({ name: z.literal('mentorView'), mentor: id }),
  z.strictObject({ name: z.literal('mentorScreen'), mentor: id, decision: z.enum(['approve', 'talk', 'decline']) }),
  z.strictObject({ name: z.enum(['mentorSelf', 'mentorPause', 'mentorResume', 'keep']) }),
  z.strictObject({ name: z.literal('mentorCapacity'), capacity: z.coerce.number().int().min(0).max(9) }),
  z.strictObject({ name: z.literal('introduce'), pair: id, answer: yesNo }),
  z.strictObject({ name: z.literal('write'), pair: id }),
  z.strictObject({ name: z.literal('privacyContact'), pair: id }),
  z.strictObject({ name: z.literal('firstMeeting'), pair: id }),
  z.strictObject({ name: z.literal('firstMeetingAccept'), plan: id }),
  z.strictObject({ name: z.literal('fit'), pair: id, answer: z.enum(['yes', 'unsure', 'no']) }),
  z.strictObject({ name: z.literal('rematch'), pair: id, confirm: z.literal('yes').optional() }),
]);

/** A button that does `action`. */
export function button(action: Action, label: Text): Choice {
  return { value: encodeAction(action), label };
}

/** The command a button carries, as a person would type it. */
export function encodeAction(action: Action): string {
  switch (action.name) {
    case 'view':
    case 'invite':
    case 'accept':
    case 'waitlist':
    case 'decline':
    case 'suggest':
      return `/${action.name} ${action.applicant}`;
    case 'match':
      return `/match ${action.mentee} ${action.mentor}`;
    case 'pair':
    case 'pause':
    case 'resume':
    case 'kickoff':
    case 'met':
      return `/${action.name} ${action.pair}`;
    case 'end':
      return action.tell ? `/end ${action.pair} ${action.reason} ${action.tell}` : `/end ${action.pair} ${action.reason}`;
    case 'undoEnd':
      return `/end ${action.pair} undo`;
    case 'proposal':
      return `/proposal ${action.pair} ${action.answer}`;
    case 'proposalReason':
      return `/proposal ${action.pair} reason ${action.reason}`;
    case 'goals':
    case 'mydata':
    case 'profile':
      return `/${action.name}`;
    case 'goalPropose':
      return `/goal propose ${action.pair}`;
    case 'goal':
      return `/goal ${action.goal} ${action.step}`;
    case 'checkin':
      return `/checkin ${action.checkin}`;
    case 'survey':
      return `/survey ${action.invitation}`;
    case 'alert':
      return `/alert ${action.alert}`;
    case 'alertAct':
      return `/alert ${action.act} ${action.alert}`;
    case 'delete':
      return action.answer ? `/delete ${action.answer}` : '/delete';
    case 'privacy':
      return `/privacy ${action.consent} ${action.answer}`;
    case 'interested':
      return `/interested ${action.application} ${action.answer}`;
    case 'thread':
    case 'reply':
    case 'take':
    case 'close':
      return `/${action.name} ${action.thread}`;
    case 'contact':
    case 'done':
      return `/${action.name}`;
    case 'contactPerson':
      return `/contact ${action.person}`;
    case 'broadcast':
      return `/broadcast ${action.broadcast} ${action.step}`;
    case 'events':
      return '/events';
    case 'event':
      return `/events ${action.gathering}`;
    case 'gathering':
      return `/gathering ${action.gathering}`;
    case 'rsvp':
      return `/rsvp ${action.gathering} ${action.answer}`;
    case 'came':
      return `/gathering ${action.gathering} came ${action.person}`;
    case 'mentorView':
      return `/mentor ${action.mentor}`;
    case 'mentorScreen':
      return `/mentor ${action.mentor} ${action.decision}`;
    case 'mentorSelf':
      return '/mentor';
    case 'mentorPause':
      return '/mentor pause';
    case 'mentorResume':
      return '/mentor resume';
    case 'mentorCapacity':
      return `/mentor capacity ${action.capacity}`;
    case 'keep':
      return '/keep';
    case 'introduce':
      return `/introduce ${action.pair} ${action.answer}`;
    case 'write':
      return `/write ${action.pair}`;
    case 'privacyContact':
      return `/privacy contact ${action.pair} no`;
    case 'firstMeeting':
      return `/firstmeeting ${action.pair}`;
    case 'firstMeetingAccept':
      return `/firstmeeting accept ${action.plan}`;
    case 'fit':
      return `/fit ${action.pair} ${action.answer}`;
    case 'rematch':
      return action.confirm ? `/rematch ${action.pair} ${action.confirm}` : `/rematch ${action.pair}`;
    default:
      return assertNever(action, 'action');
  }
}

/**
 * Whether one typed word that begins a button's label ("nudge" for "Nudge the pair") may do the
 * button's action: yes where it only shows something, starts questions that can be cancelled, or is
 * harmless and comes back by itself (a kind nudge, a snooze); no where it decides for somebody or
 * cannot be taken back (ending, pausing, deciding on an application, answering a proposal, closing
 * an alert). A new action must be placed on one side here.
 */
export function actsOnOneWord(action: Action): boolean {
  switch (action.name) {
    case 'view':
    case 'suggest':
    case 'pair':
    case 'kickoff':
    case 'met':
    case 'goals':
    case 'mydata':
    case 'profile':
    case 'goalPropose':
    case 'checkin':
    case 'survey':
    case 'alert':
    case 'thread':
    case 'reply':
    case 'contact':
    case 'contactPerson':
    case 'done':
    case 'events':
    case 'event':
    case 'gathering':
    case 'mentorView':
    case 'mentorSelf':
    case 'keep':
    case 'write':
    case 'firstMeeting':
      return true;
    case 'alertAct':
      return action.act !== 'resolve';
    case 'invite':
    case 'accept':
    case 'waitlist':
    case 'decline':
    case 'match':
    case 'pause':
    case 'resume':
    case 'end':
    case 'undoEnd':
    case 'proposal':
    case 'proposalReason':
    case 'goal':
    case 'delete':
    case 'privacy':
    case 'interested':
    case 'take':
    case 'close':
    case 'broadcast':
    case 'rsvp':
    case 'came':
    case 'mentorScreen':
    case 'mentorPause':
    case 'mentorResume':
    case 'mentorCapacity':
    case 'introduce':
    case 'privacyContact':
    case 'firstMeetingAccept':
    case 'fit':
    case 'rematch':
      return false;
    default:
      return assertNever(action, 'action');
  }
}

/**
 * The action a pressed button carries, or undefined for anything `encodeAction` would not have
 * written (an old or forged button): the value must read as an action and encode back to itself.
 */
export function decodeAction(value: string): Action | undefined {
  const command = parseCommand(value);
  if (!command) return undefined;
  const [a, b, c] = command.args;
  const candidate = candidateOf(command.name, command.args.length, a, b, c);
  const parsed = actionSchema.safeParse(candidate);
  if (!parsed.success) return undefined;
  const action: Action = parsed.data;
  return encodeAction(action) === value ? action : undefined;
}

function candidateOf(name: string, count: number, a?: string, b?: string, c?: string): Record<string, unknown> {
  switch (name) {
    case 'match':
      return { name, mentee: a, mentor: b };
    case 'end':
      if (count === 2 && b === 'undo') return { name: 'undoEnd', pair: a };
      return count === 3 ? { name, pair: a, reason: b, tell: c } : { name, pair: a, reason: b };
    case 'proposal':
      return count === 3 && b === 'reason' ? { name: 'proposalReason', pair: a, reason: c } : { name, pair: a, answer: b };
    case 'goal':
      return a === 'propose' ? { name: 'goalPropose', pair: b } : { name, goal: a, step: b };
    case 'alert':
      return count === 2 ? { name: 'alertAct', act: a, alert: b } : { name, alert: a };
    case 'checkin':
      return { name, checkin: a };
    case 'survey':
      return { name, invitation: a };
    case 'delete':
      return count === 0 ? { name } : { name, answer: a };
    case 'privacy':
      return a === 'contact' && count === 3 ? { name: 'privacyContact', pair: b } : { name, consent: a, answer: b };
    case 'introduce':
      return { name, pair: a, answer: b };
    case 'write':
      return { name, pair: a };
    case 'interested':
      return { name, application: a, answer: b };
    case 'goals':
    case 'mydata':
    case 'profile':
    case 'done':
      return { name };
    case 'contact':
      return count === 0 ? { name } : { name: 'contactPerson', person: a };
    case 'events':
      return count === 0 ? { name } : { name: 'event', gathering: a };
    case 'gathering':
      return count === 3 && b === 'came' ? { name: 'came', gathering: a, person: c } : { name, gathering: a };
    case 'rsvp':
      return { name, gathering: a, answer: b };
    case 'mentor':
      return mentorCandidate(count, a, b);
    case 'keep':
      return { name };
    case 'firstmeeting':
      return a === 'accept' ? { name: 'firstMeetingAccept', plan: b } : { name: 'firstMeeting', pair: a };
    case 'fit':
      return { name, pair: a, answer: b };
    case 'rematch':
      return count === 2 ? { name, pair: a, confirm: b } : { name, pair: a };
    case 'thread':
    case 'reply':
    case 'take':
    case 'close':
      return { name, thread: a };
    case 'pair':
    case 'pause':
    case 'resume':
    case 'kickoff':
    case 'met':
      return { name, pair: a };
    case 'broadcast':
      return { name, broadcast: a, step: b };
    default:
      return { name, applicant: a };
  }
}

/** `/mentor`, `/mentor pause`, `/mentor resume`, `/mentor capacity N`, `/mentor M`, `/mentor M approve`. */
function mentorCandidate(count: number, a?: string, b?: string): Record<string, unknown> {
  if (count === 0) return { name: 'mentorSelf' };
  if (count === 1 && a === 'pause') return { name: 'mentorPause' };
  if (count === 1 && a === 'resume') return { name: 'mentorResume' };
  if (a === 'capacity') return { name: 'mentorCapacity', capacity: b };
  return count === 1 ? { name: 'mentorView', mentor: a } : { name: 'mentorScreen', mentor: a, decision: b };
}

/** A command as typed or pressed: `/Accept@OurBot 12` → `{ name: 'accept', args: ['12'] }`. */
export interface Command {
  name: string;
  args: string[];
}

/** The command in a message, or undefined when it does not start with `/`. */
export function parseCommand(text: string): Command | undefined {
  if (!text.startsWith('/')) return undefined;
  const [word = '', ...args] = text.slice(1).split(/\s+/);
  return { name: word.split('@')[0]?.toLowerCase() ?? '', args };
}
