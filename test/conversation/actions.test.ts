import { afterEach, describe, expect, it } from 'vitest';
import { type Action, decodeAction, encodeAction } from '../../src/conversation/actions';
import { englishIntake } from '../helpers/intakeScript';
import { coordinator } from '../helpers/pairScript';
import { TestKit } from '../helpers/testKit';

const EVERY_KIND: Action[] = [
  { name: 'view', applicant: 12 },
  { name: 'accept', applicant: 3 },
  { name: 'match', mentee: 4, mentor: 9 },
  { name: 'pause', pair: 2 },
  { name: 'end', pair: 2, reason: 'jobFound' },
  { name: 'proposal', pair: 7, answer: 'no' },
  { name: 'proposalReason', pair: 7, reason: 'time' },
  { name: 'goals' },
  { name: 'goalPropose', pair: 5 },
  { name: 'goal', goal: 8, step: 'done' },
  { name: 'checkin', checkin: 40 },
  { name: 'survey', invitation: 6 },
  { name: 'alert', alert: 11 },
  { name: 'alertAct', act: 'snooze', alert: 11 },
  { name: 'delete' },
  { name: 'delete', answer: 'yes' },
  { name: 'privacy', consent: 'followUp', answer: 'no' },
  { name: 'reply', thread: 4 },
  { name: 'take', thread: 4 },
  { name: 'contact' },
  { name: 'contactPerson', person: 12 },
  { name: 'done' },
];

describe('button actions', () => {
  it('reads back every action it writes, as the command a person would type', () => {
    for (const action of EVERY_KIND) expect(decodeAction(encodeAction(action))).toEqual(action);
    expect(encodeAction({ name: 'proposal', pair: 7, answer: 'yes' })).toBe('/proposal 7 yes');
  });

  it('refuses what it would not have written', () => {
    for (const forged of [
      '/accept abc',
      '/accept 0x10',
      '/accept 1e3',
      '/accept -2',
      '/accept 12 13',
      '/proposal 5 maybe',
      '/alert 3 4',
      '/end 2',
      '/goal 3 explode',
      '/privacy x;y yes',
      '/view  12',
      'accept 12',
      '/nothing 1',
      '/reply 4 hello',
      '/contact 12 13',
      '/done now',
    ]) {
      expect(decodeAction(forged), forged).toBeUndefined();
    }
  });

  describe('pressed in a chat', () => {
    let kit: TestKit;
    afterEach(() => kit.close());

    it('answers a forged button kindly and changes nothing', async () => {
      kit = await new TestKit().open();
      const coco = await coordinator(kit);
      const amina = kit.person('amina');
      for (const line of englishIntake('Amina')) await amina.say(line);
      const status = () => kit.rows<{ status: string }>('select status from applications')[0]?.status;
      expect(status()).toBe('submitted');
      const [answer] = await coco.send({ kind: 'choice', value: '/accept 0x1' });
      expect(answer?.keys).toEqual(['errors.oldButton']);
      expect(status()).toBe('submitted');
    });
  });
});
