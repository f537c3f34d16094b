import ICAL from 'ical.js';
import { afterEach, describe, expect, it } from 'vitest';
import type { RenderedMessage } from '../../src/channels/channel';
import { mentorRegistration } from '../helpers/intakeScript';
import { coordinator } from '../helpers/pairScript';
import { TestKit } from '../helpers/testKit';

/** The one event in a calendar file, read by a standard iCalendar parser. */
function eventIn(message: RenderedMessage | undefined): InstanceType<typeof ICAL.Event> {
  const content = message?.document?.content ?? '';
  const calendar = new ICAL.Component(ICAL.parse(content));
  const vevent = calendar.getFirstSubcomponent('vevent');
  if (!vevent) throw new Error(`no event in: ${content}`);
  return new ICAL.Event(vevent);
}

describe('the calendar file sent with an invitation', () => {
  let kit: TestKit;
  afterEach(() => kit.close());

  it('opens in a standard parser at the right moment in the programme time zone, winter and summer, and follows a change', async () => {
    kit = new TestKit();
    kit.capabilities = { maxButtons: 10, maxButtonLabel: 64, maxText: 4096, canInitiate: true, documents: true };
    await kit.open();
    const coco = await coordinator(kit);
    const kari = kit.person('kari');
    for (const line of mentorRegistration('Kari', 'Civil engineer', 'Woman')) await kari.say(line);

    // Oslo is UTC+1 in March and UTC+2 in June.
    await coco.say('/gathering new training 2027-03-12 18:00-20:30 | Mentor training; bring questions, please | Library, room 4 | mentors | 20');
    await kit.tick();
    const winter = kari.last();
    expect(winter.document?.filename).toBe('gathering-1.ics');
    expect(winter.document?.mimeType).toBe('text/calendar');
    const march = eventIn(winter);
    expect(march.startDate.toJSDate().toISOString()).toBe('2027-03-12T17:00:00.000Z');
    expect(march.endDate.toJSDate().toISOString()).toBe('2027-03-12T19:30:00.000Z');
    expect(march.summary).toBe('Mentor training; bring questions, please');
    expect(march.location).toBe('Library, room 4');

    await coco.say('/gathering new network 2027-06-10 18:00-20:00 | Summer evening | Park | mentors | none');
    await kit.tick();
    const june = eventIn(kari.last());
    expect(june.startDate.toJSDate().toISOString()).toBe('2027-06-10T16:00:00.000Z');

    // A change sends the file again with a higher sequence, so a calendar replaces the event it has.
    await coco.say('/gathering 1 move 2027-03-13 10:00-12:00');
    await kit.tick();
    const moved = eventIn(kari.last());
    expect(moved.uid).toBe(march.uid);
    expect(moved.sequence).toBeGreaterThan(march.sequence);
    expect(moved.startDate.toJSDate().toISOString()).toBe('2027-03-13T09:00:00.000Z');
  });

  it('is left out where a channel cannot send files: the lines already say when and where', async () => {
    kit = await new TestKit().open();
    const coco = await coordinator(kit);
    const kari = kit.person('kari');
    for (const line of mentorRegistration('Kari', 'Civil engineer', 'Woman')) await kari.say(line);
    await coco.say('/gathering new network 2027-03-12 18:00-20:00 | Network evening | Library | mentors | none');
    await kit.tick();
    expect(kari.lastText()).toContain('When: March 12, 2027, 18:00–20:00');
    expect(kari.lastText()).not.toContain('BEGIN:VCALENDAR');
  });
});
