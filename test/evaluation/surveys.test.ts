import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mentorRegistration } from '../helpers/intakeScript';
import { activePair, approveMentors, coordinator } from '../helpers/pairScript';
import { type Person, programmeWith, TestKit } from '../helpers/testKit';

/** Starts the survey from its invitation and types each answer in turn. */
async function answerSurvey(person: Person, answerAs: 'With my name' | 'Without my name', answers: string[]): Promise<void> {
  await person.press('Start the survey');
  await person.press(answerAs);
  for (const answer of answers) await person.say(answer);
}

const MENTEE_END = ['1', 'Partly', 'Permanent', 'Part-time', '4', '4', '4', '4', '4', '4', '4', '5', 'Yes', '9', '/skip', 'More meetings'];
const FOLLOW_UP = ['2', '5', '10', '/skip'];

describe('evaluation surveys', () => {
  let kit: TestKit;
  beforeEach(async () => {
    kit = await new TestKit(programmeWith({ surveys: { wellbeing: true } })).open();
  });
  afterEach(() => kit.close());

  const keys = (prefix: string) => kit.rows<{ dedupe_key: string }>('select dedupe_key from outbox where dedupe_key like ? order by id', `${prefix}%`).map((r) => r.dedupe_key);

  it('sends the end surveys and a follow-up six months on, each once with one reminder, linked to the intake by one respondent id', async () => {
    const coco = await coordinator(kit);
    const { mentee, mentor, pairId, menteeId } = await activePair(kit, 'Olena', 'Kari');
    await kit.days(1);
    expect(mentee.lastText()).toContain('five short questions about how you have felt lately');
    await answerSurvey(mentee, 'With my name', ['Most of the time', 'Most of the time', '/skip', 'Some of the time', 'All of the time']);
    expect(mentee.lastText()).toBe('Thank you for your answers! They help the programme get better.');

    await kit.days(9);
    await coco.say(`/end ${pairId} jobFound quiet`);
    await kit.days(1);
    expect(mentor.lastText()).toContain('Your mentoring time is over. We would like to hear how it went');
    const invitations = () =>
      kit.rows<{ survey_id: string; timepoint: string; participant_id: number }>('select survey_id, timepoint, participant_id from survey_invitations order by id');
    expect(invitations().map((i) => `${i.survey_id}/${i.timepoint}`)).toEqual(['who5/intake', 'mentor-end/end', 'mentee-end/end', 'who5/end']);
    // Olena answers the oldest survey still open: the end survey, sent before the WHO-5 one.
    await mentee.say('/survey');
    await mentee.press('With my name');
    for (const answer of MENTEE_END) await mentee.say(answer);

    await kit.days(10);
    expect(keys('survey-reminder:')).toHaveLength(2); // Kari's end survey and Olena's WHO-5; Olena's end survey was answered
    await kit.days(180);
    expect(keys('survey:')).toHaveLength(5);
    const followUp = invitations().at(-1);
    expect(followUp).toMatchObject({ survey_id: 'mentee-followup', timepoint: 'followup6', participant_id: menteeId });
    await kit.days(8);
    await kit.tick();
    expect(keys('survey-reminder:')).toHaveLength(3); // and the follow-up's one; none is repeated
    expect(mentee.lastText()).toContain('A reminder: your survey is still open');
    await answerSurvey(mentee, 'Without my name', FOLLOW_UP);

    const respondent = kit.rows<{ respondent_id: string }>('select respondent_id from participants where id = ?', menteeId)[0]?.respondent_id;
    expect(respondent).toMatch(/^[0-9a-f-]{36}$/);
    expect(kit.rows('select survey_id, timepoint, respondent_id, participant_id from survey_responses order by id')).toEqual([
      { survey_id: 'who5', timepoint: 'intake', respondent_id: respondent, participant_id: menteeId },
      { survey_id: 'mentee-end', timepoint: 'end', respondent_id: respondent, participant_id: menteeId },
      { survey_id: 'mentee-followup', timepoint: 'followup6', respondent_id: respondent, participant_id: null },
    ]);
    expect(kit.rows('select timepoint, status, job_uses_education, permanent, full_time, contribution from outcomes order by id')).toEqual([
      { timepoint: 'end', status: 'job', job_uses_education: 'partly', permanent: 1, full_time: 0, contribution: 4 },
      { timepoint: 'followup6', status: 'internship', job_uses_education: null, permanent: null, full_time: null, contribution: null },
    ]);
    const end = kit.rows<{ answers: string }>("select answers from survey_responses where survey_id = 'mentee-end'")[0];
    expect(JSON.parse(end?.answers ?? '{}')).toMatchObject({ outcome: ['job'], recommend: '9', better: 'More meetings' });
  });

  it('reads a typed number on the 0–10 scale as that number, and refuses one outside it', async () => {
    const { mentor, pairId } = await activePair(kit, 'Olena', 'Kari');
    const coco = await coordinator(kit);
    await coco.say(`/end ${pairId} time quiet`);
    await kit.days(1);
    await answerSurvey(mentor, 'Without my name', ['3', '4', 'Maybe']);
    expect(mentor.lastText()).toContain('How likely is it that you would recommend the programme to a friend?');
    expect(mentor.lastText()).toContain('0 – not likely\n1\n2');
    await mentor.say('11');
    expect(mentor.lastText()).toContain('Please choose one of the options');
    await mentor.say('10');
    await mentor.say('/skip');
    await mentor.say('/skip');
    const answers = kit.rows<{ answers: string; participant_id: number | null }>('select answers, participant_id from survey_responses');
    expect(answers).toHaveLength(1);
    expect(answers[0]?.participant_id).toBeNull();
    expect(JSON.parse(answers[0]?.answers ?? '{}')).toEqual({ meaningful: '3', prepared: '4', again: 'maybe', recommend: '10' });
  });

  it('shows coordinators anonymous answers only in totals of five or more', async () => {
    const coco = await coordinator(kit);
    const { mentee, mentor, pairId } = await activePair(kit, 'Olena', 'Kari');
    await coco.say(`/end ${pairId} time quiet`);
    await kit.days(1);
    await answerSurvey(mentor, 'Without my name', ['2', '2', 'No', '3', '/skip', 'The coordinator never called me back']);
    await mentee.say('/survey');
    await mentee.press('Without my name');
    for (const answer of MENTEE_END) await mentee.say(answer);
    await coco.say('/report');
    const report = coco.lastText();
    expect(report).toContain('Key figures so far:');
    expect(report).toContain('• Mentors: <5');
    expect(report).toContain('• Mentees: <5');
    expect(report).toContain('• People who answered: <5');
    for (const text of kit.channel.sentTo('coco').map((m) => m.text)) expect(text).not.toContain('never called me back');
    await mentee.say('/report');
    expect(mentee.lastText()).toContain('Only coordinators can use this command.');
  });

  it('asks a rematched mentee at the end of the new pair, not of the first', async () => {
    const coco = await coordinator(kit);
    const { pairId, menteeId } = await activePair(kit, 'Olena', 'Kari');
    const nils = kit.person('nils');
    for (const line of mentorRegistration('Nils', 'Welder', 'Man')) await nils.say(line);
    await approveMentors(kit);
    const nilsId = kit.rows<{ id: number }>("select id from participants where name = 'Nils'")[0]?.id ?? 0;
    await coco.say(`/end ${pairId} relationship quiet`);
    await coco.say(`/match ${menteeId} ${nilsId}`);
    await kit.days(2);
    expect(kit.rows<{ survey_id: string }>("select survey_id from survey_invitations where timepoint = 'end'").map((r) => r.survey_id)).toEqual(['mentor-end']);
  });
});
