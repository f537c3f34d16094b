import { englishIntake, mentorRegistration } from './intakeScript';
import type { Person, TestKit } from './testKit';

export interface ScriptedPair {
  mentee: Person;
  mentor: Person;
  pairId: number;
  menteeId: number;
  mentorId: number;
}

/** The coordinator `coco`, made one on first use. */
export async function coordinator(kit: TestKit): Promise<Person> {
  const coco = kit.person('coco');
  if (kit.rows("select 1 from participants where role = 'coordinator'").length === 0) {
    await coco.say('/coordinator demo-coordinators');
  }
  return coco;
}

/** Every mentor still waiting for screening approved by the coordinator, as `/mentor M approve` does. */
export async function approveMentors(kit: TestKit): Promise<void> {
  const coco = await coordinator(kit);
  for (const { id } of kit.rows<{ id: number }>("select participant_id as id from mentors where screening = 'new' order by participant_id")) {
    await coco.say(`/mentor ${id} approve`);
  }
}

/**
 * A mentee and a mentor who apply and register through the chat, are matched by the coordinator and
 * both say yes: an active pair from the moment this resolves.
 */
export async function activePair(kit: TestKit, menteeName: string, mentorName: string): Promise<ScriptedPair> {
  const coco = await coordinator(kit);
  const mentee = kit.person(menteeName.toLowerCase());
  const mentor = kit.person(mentorName.toLowerCase());
  for (const line of englishIntake(menteeName)) await mentee.say(line);
  for (const line of mentorRegistration(mentorName, 'Civil engineer', 'Woman')) await mentor.say(line);
  const id = (name: string) => kit.rows<{ id: number }>('select id from participants where name = ?', name)[0]?.id ?? Number.NaN;
  const [menteeId, mentorId] = [id(menteeName), id(mentorName)];
  await coco.say(`/accept ${menteeId}`);
  await coco.say(`/mentor ${mentorId} approve`);
  await coco.say(`/match ${menteeId} ${mentorId}`);
  await mentee.press('Yes');
  await mentor.press('Yes');
  const pairId = kit.rows<{ id: number }>('select id from pairs where mentee_id = ? and status = ?', menteeId, 'active')[0]?.id ?? Number.NaN;
  return { mentee, mentor, pairId, menteeId, mentorId };
}

/** `/goals`: a new end goal "a job in my field" in the mentee's words (not the application's), and one step for the first month. */
export async function setGoals(mentee: Person, end: string, step: string): Promise<void> {
  await mentee.say('/goals');
  await mentee.press('No, write a new one');
  await mentee.press('A job in my field');
  await mentee.say(end);
  await mentee.say(step);
  await mentee.say('1');
  await mentee.press('No, that is all');
  await mentee.press('Yes, send it');
}

/** `/met` today, in person, about the CV. */
export async function logMeeting(person: Person): Promise<void> {
  await person.say('/met');
  await person.press('Today');
  await person.press('We met in person');
  await person.press('CV');
  await person.press('Done');
}

/** Answers the open check-in: how often they met (or that they did not), a rating, and whether to be contacted. */
export async function answerCheckin(
  person: Person,
  answer: { met: 'No, not yet' | 'Yes, once' | 'Yes, two times'; rating: number; contact?: boolean; note?: string },
): Promise<void> {
  await person.press('Start the check-in');
  await person.press(answer.met);
  if (answer.met === 'No, not yet') await person.say('/skip');
  else {
    await person.press('CV');
    await person.press('Done');
  }
  while (person.lastText().includes('How is this goal going')) await person.press('Working on it');
  await person.say(String(answer.rating));
  await person.press(answer.contact ? 'Yes, please' : 'No, thank you');
  await person.say(answer.note ?? '/skip');
}
