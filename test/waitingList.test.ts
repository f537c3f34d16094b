import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { approveMentors, coordinator } from './helpers/pairScript';
import { englishIntake, mentorRegistration } from './helpers/intakeScript';
import { type Person, TestKit } from './helpers/testKit';

/** The waiting list on a fake clock: the question whether an applicant still wants a mentor, and matching from the list. */
describe('the waiting list', () => {
  let kit: TestKit;
  let coco: Person;

  beforeEach(async () => {
    kit = await new TestKit().open();
    coco = await coordinator(kit);
  });
  afterEach(() => kit.close());

  const idOf = (name: string) => kit.rows<{ id: number }>('select id from participants where name = ?', name)[0]?.id ?? 0;

  async function waitlisted(name: string): Promise<Person> {
    const person = kit.person(name.toLowerCase());
    for (const line of englishIntake(name)) await person.say(line);
    await coco.say(`/waitlist ${idOf(name)}`);
    return person;
  }

  it('keeps "do you still want a mentor?" answerable by its number after /status, which says what is asked', async () => {
    const amina = await waitlisted('Amina');
    await kit.days(28);
    expect(amina.lastText()).toBe('You are still on our waiting list. We have not forgotten you. Do you still want a mentor?');

    await amina.say('/status');
    expect(amina.lastText()).toContain('Do you still want a mentor?');
    expect(amina.last().choices?.map((c) => c.label)).toEqual(['Yes, I still want one', 'No, not any more']);
    await amina.say('1');
    expect(amina.lastText()).toBe('Thank you! You stay on the waiting list. We will write to you when we have a mentor for you.');

    // Answered: /status is back to the waiting list, and a typed number means nothing any more.
    await amina.say('/status');
    expect(amina.lastText()).not.toContain('Do you still want a mentor?');
    expect(amina.lastText()).toContain('waiting list');
    expect(kit.rows('select status from applications')).toEqual([{ status: 'waitlisted' }]);
  });

  it('takes a typed no to the question after a command, and withdraws the application', async () => {
    const jamal = await waitlisted('Jamal');
    await kit.days(28);
    await jamal.say('/help');
    await jamal.say('no');
    expect(jamal.lastText()).toContain('We have taken you off the waiting list.');
    expect(kit.rows('select status from applications')).toEqual([{ status: 'withdrawn' }]);
  });

  it('puts an applicant proposed a mentor from the waiting list in the proposal stage, as accepted, in the lists and the alerts too', async () => {
    const amina = await waitlisted('Amina');
    const nora = kit.person('nora');
    for (const line of mentorRegistration('Nora', 'Nurse', 'Woman')) await nora.say(line);
    await approveMentors(kit);
    await kit.days(28);
    expect(amina.lastText()).toContain('Do you still want a mentor?');

    await coco.say(`/match ${idOf('Amina')} ${idOf('Nora')}`);
    expect(kit.rows('select status from applications')).toEqual([{ status: 'accepted' }]);
    // The proposal is what she is asked now, not whether she stays on the list.
    await amina.say('/status');
    expect(amina.lastText()).toContain('Kompis proposed Nora as your mentor');
    expect(amina.lastText()).not.toContain('Do you still want a mentor?');
    await nora.press('No, thank you');

    await coco.say(`/view ${idOf('Amina')}`);
    expect(coco.lastText()).toContain('accepted');
    await coco.say('/applications');
    expect(coco.lastText()).toContain(`#${idOf('Amina')} Amina`);
    expect(coco.lastText()).not.toContain('waiting list');

    await kit.days(60);
    const alert = kit.channel
      .sentTo('coco')
      .map((m) => m.text)
      .find((text) => text.startsWith('Alert') && text.includes('Amina'));
    expect(alert).toBeDefined();
    expect(alert).not.toContain('waiting list');
  });
});
