import { describe, expect, it } from 'vitest';
import { answerForm, promptForm } from '../../flows/form';
import { meetingFlow } from '../../flows/meeting/meetingFlow';
import type { FlowContext, FormState } from '../../flows/types';
import type { InboundContent } from '../../src/channels/channel';
import type { Session } from '../../src/conversation/session';
import { type TurnInput, type TurnResult, startFlow, turn } from '../../src/conversation/turn';
import { DEMO_PROGRAMME_PATH, type Programme, loadProgramme } from '../../src/settings/programme';
import { known, type Text, t } from '../../src/text/messages';

/**
 * One turn of a conversation as a pure function: a session and a message in, the next session,
 * effects and messages out. No database, no engine, no channel.
 */

const programme = loadProgramme(DEMO_PROGRAMME_PATH);
const ctx: FlowContext<Programme> = {
  programme,
  now: new Date('2026-11-12T09:00:00Z'),
  language: 'en',
  translate: (text: Text) => text.key,
};

const text = (words: string): InboundContent => ({ kind: 'text', text: words });
const press = (value: string): InboundContent => ({ kind: 'choice', value });

/** A turn of an applicant who is in no conversation, with nothing applied for, unless `input` says otherwise. */
function run(content: InboundContent, input: Partial<TurnInput> = {}): TurnResult {
  return turn({ content, role: 'applicant', session: null, application: null, pair: null, returning: false, ctx, ...input });
}

/** A mentor half-way through `/met`: the day was answered (today), the question is how they met. */
function inMeeting(): Session & { form: FormState } {
  const started = startFlow('meeting', { pair: 7, partner: 'Olena', since: '2026-11-02' }, ctx);
  const form = started.session?.form;
  if (!form) throw new Error('the meeting flow did not start');
  const answered = answerForm(meetingFlow, form, { kind: 'choice', value: 'today' }, ctx).state;
  if (!answered) throw new Error('the meeting flow ended early');
  return { form: answered, overlay: null };
}

function formOf(result: TurnResult): FormState {
  const form = result.session?.form;
  if (!form) throw new Error('no form is open');
  return form;
}

/** The open question, asked again after `before`. */
function asked(form: FormState, ...before: Text[]) {
  return promptForm(meetingFlow, form, ctx, before);
}

describe('turn() inside a form', () => {
  it('passes an answer to the form', () => {
    const session = inMeeting();
    const result = run(text('2'), { role: 'mentor', session });
    expect(formOf(result)).toMatchObject({ flowId: 'meeting', stepId: 'topics', answers: { when: 'today', mode: 'video' } });
  });

  it.each([
    ['/help', [t('help.mentor')]],
    ['/HELP@KompisBot', [t('help.mentor')]],
    ['/frobnicate', [t('commands.unknown', { command: '/frobnicate' })]],
  ])('answers %s and asks the open question again, the form kept', (command, lines) => {
    const session = inMeeting();
    const result = run(text(command), { role: 'mentor', session });
    expect(result).toEqual({ session, effects: [], messages: [asked(session.form, ...lines)] });
  });

  it('shows a coordinator their own help', () => {
    const result = run(text('/help'), { role: 'coordinator' });
    expect(result).toEqual({
      session: null,
      effects: [],
      messages: [{ lines: [t('help.coordinator')] }],
    });
  });

  it('asks for the language over the form, changes it, and goes on with the same question', () => {
    const session = inMeeting();
    const asking = run(text('/language'), { session });
    expect(asking.session).toEqual({ form: session.form, overlay: 'language' });
    expect(asking.messages[0]?.choices?.map((c) => c.value)).toEqual(['en', 'nb']);
    expect(asking.effects).toEqual([]);

    const wrong = run(text('klingon'), { session: asking.session });
    expect(wrong.session).toEqual(asking.session);
    expect(wrong.messages[0]?.lines[0]).toEqual(t('errors.pickOption'));

    const changed = run(text('2'), { session: asking.session });
    expect(changed.effects).toEqual([{ type: 'setLanguage', language: 'nb' }]);
    expect(changed.session).toEqual(session);
    expect(changed.messages).toEqual([asked(session.form, t('language.changed'))]);
  });

  it('asks before /cancel deletes the answers, and keeps them on no', () => {
    const session = inMeeting();
    const confirming = run(text('/cancel'), { session });
    expect(confirming.session).toEqual({ form: session.form, overlay: 'cancel' });
    expect(confirming.messages).toEqual([
      {
        lines: [t('commands.cancelConfirm')],
        choices: [
          { value: 'yes', label: t('commands.cancelYes') },
          { value: 'no', label: t('commands.cancelNo') },
        ],
      },
    ]);

    const unclear = run(text('hmm'), { session: confirming.session });
    expect(unclear.session).toEqual(confirming.session);
    expect(unclear.messages[0]?.lines).toEqual([t('errors.pickOption'), t('commands.cancelConfirm')]);

    const kept = run(press('no'), { session: confirming.session });
    expect(kept).toEqual({ session, effects: [], messages: [asked(session.form, t('commands.continuing'))] });

    const stopped = run(text('1'), { session: confirming.session });
    expect(stopped).toEqual({ session: null, effects: [], messages: [{ lines: [t('commands.cancelled')] }] });
  });

  it('answers a photo or a voice message with "I read text" and the question again', () => {
    const session = inMeeting();
    const result = run({ kind: 'media', mediaType: 'voice' }, { session });
    expect(result).toEqual({
      session,
      effects: [],
      messages: [asked(session.form, t('errors.media', { contact: known('coordinator@example.org') }))],
    });
  });

  it('tells where the person stands in the form with /status', () => {
    const session = inMeeting();
    const result = run(text('/status'), { session });
    expect(result.session).toEqual(session);
    expect(result.messages).toEqual([asked(session.form, t('status.form.meeting'), t('status.contact', { contact: known('coordinator@example.org') }))]);
  });

  it('passes /back and /skip to the form: a required question is not skipped', () => {
    const session = inMeeting();
    const back = run(text('/back'), { session });
    expect(formOf(back)).toMatchObject({ stepId: 'when', history: [] });
    const skip = run(text('/skip'), { session });
    expect(skip.session).toEqual(session);
    expect(skip.messages[0]?.lines[0]).toEqual(t('form.cannotSkip'));
  });

  it('greets someone coming back after a long pause and asks again, rather than take their words as the answer', () => {
    const session = inMeeting();
    const typed = run(text('2'), { session, returning: true });
    expect(typed).toEqual({ session, effects: [], messages: [asked(session.form, t('form.welcomeBack'))] });
    const pressed = run(press('phone'), { session, returning: true });
    expect(formOf(pressed).answers.mode).toBe('phone');
  });

  it('moves a session stored by an older version of its flow on, keeping its answers', () => {
    const session = inMeeting();
    const old: Session = { form: { ...session.form, version: 0, stepId: 'gone' }, overlay: null };
    const result = run(text('2'), { session: old });
    expect(formOf(result)).toMatchObject({ version: 1, stepId: 'mode', answers: { when: 'today' } });
    expect(result.messages[0]?.lines[0]).toEqual(t('form.updated'));
  });
});

describe('turn() outside a form', () => {
  it('begins with the welcome for a newcomer, whatever they write', () => {
    const result = run(text('hello'));
    expect(formOf(result)).toMatchObject({ flowId: 'welcome', stepId: 'language' });
    expect(result.messages[0]?.choices?.map((c) => c.value)).toEqual(['en', 'nb']);
  });

  it('hands the welcome over to the mentor registration at once, without a startFlow effect', () => {
    const atRole = run(press('en'), { session: run(text('hello')).session });
    expect(atRole.effects).toEqual([{ type: 'setLanguage', language: 'en' }]);
    const handed = run(press('mentor'), { session: atRole.session });
    expect(formOf(handed).flowId).toBe('mentor');
    expect(handed.effects).toEqual([]);
  });

  it('skips the role question after a poster link (/start mentor)', () => {
    const started = run(text('/start mentor'));
    expect(formOf(started)).toMatchObject({ flowId: 'welcome', given: { preset: 'mentor' } });
    expect(formOf(run(press('nb'), { session: started.session })).flowId).toBe('mentor');
  });

  it.each([
    ['/back', 'commands.nothingOpen'],
    ['/skip', 'commands.nothingOpen'],
    ['/cancel', 'commands.nothingOpen'],
  ])('says %s has nothing to act on', (command, key) => {
    expect(run(text(command))).toEqual({ session: null, effects: [], messages: [{ lines: [t(key)] }] });
  });

  it('answers a photo with "I read text" and changes nothing', () => {
    expect(run({ kind: 'media', mediaType: 'photo' })).toEqual({
      session: null,
      effects: [],
      messages: [{ lines: [t('errors.media', { contact: known('coordinator@example.org') })] }],
    });
  });

  it.each<[string, Partial<TurnInput>, Text[]]>([
    ['no application yet', {}, [t('status.none')]],
    [
      "an application sent (the day in the programme's time zone)",
      { application: { status: 'submitted', submittedAt: new Date('2026-11-01T23:30:00Z') } },
      [t('status.submitted', { date: 'November 2, 2026' }), t('status.contact', { contact: known('coordinator@example.org') })],
    ],
    [
      'a pair',
      { role: 'mentee', pair: { status: 'active', partner: t('people.name', { id: 3, name: 'Kari' }) } },
      [t('status.pair.active', { name: t('people.name', { id: 3, name: 'Kari' }) }), t('status.contact', { contact: known('coordinator@example.org') })],
    ],
    ['a mentor without a pair', { role: 'mentor' }, [t('status.mentor'), t('status.contact', { contact: known('coordinator@example.org') })]],
  ])('tells where the person stands with /status: %s', (_name, input, lines) => {
    expect(run(text('/status'), input)).toEqual({ session: null, effects: [], messages: [{ lines }] });
  });

  it('tells someone who has applied where they stand, instead of starting again', () => {
    const result = run(text('hi'), { application: { status: 'waitlisted', submittedAt: new Date('2026-10-01T10:00:00Z') } });
    expect(result.session).toBeNull();
    expect(result.messages[0]?.lines[0]).toEqual(t('status.waitlisted', { date: 'October 1, 2026' }));
  });
});

describe('turn() and the coordinator code', () => {
  it('makes a coordinator of someone with the right code', () => {
    const result = run(text('/coordinator demo-coordinators'));
    expect(result.effects).toEqual([{ type: 'becomeCoordinator' }]);
    expect(result.messages).toEqual([{ lines: [t('coordinator.welcome'), t('help.coordinator')] }]);
  });

  it('refuses a wrong code, and the right one while locked, with an effect that counts the try', () => {
    const wrong = run(text('/coordinator guess'));
    expect(wrong.effects).toEqual([{ type: 'coordinatorCodeRefused' }]);
    expect(wrong.messages[0]?.lines).toEqual([t('coordinator.wrongCode')]);
    const locked = run(text('/coordinator demo-coordinators'), { codeLocked: true });
    expect(locked.effects).toEqual([{ type: 'coordinatorCodeRefused' }]);
    expect(locked.messages[0]?.lines).toEqual([t('coordinator.tooManyTries')]);
  });

  it('takes a start link that carries the code, and counts any other unknown payload as a try', () => {
    expect(run(text('/start demo-coordinators')).effects).toEqual([{ type: 'becomeCoordinator' }]);
    const tried = run(text('/start 1234'));
    expect(tried.effects).toEqual([{ type: 'coordinatorCodeRefused' }]);
    expect(formOf(tried).flowId).toBe('welcome');
    expect(run(text('/start apply')).effects).toEqual([]);
  });
});
