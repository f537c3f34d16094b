import { afterEach, describe, expect, it } from 'vitest';
import { englishIntake, mentorRegistration } from './helpers/intakeScript';
import { approveMentors, coordinator } from './helpers/pairScript';
import { DAY_MS, type Person, programmeWith, TestKit } from './helpers/testKit';

/**
 * A whole programme, as its people live it: an application, screening, a proposal, the kickoff,
 * goals, meetings and check-ins, a pair that goes quiet, the coordinator's alert, the end, and the
 * surveys after it. Everybody types, as on the console or WhatsApp: no buttons anywhere.
 *
 * The clock starts on Monday 2 November 2026, 10:00 in Oslo; the scheduler runs once a day.
 * The tests read what each person is told, in the words they would notice.
 */
describe('a whole programme, typed', () => {
  let kit: TestKit;
  afterEach(() => kit.close());

  async function openKit(): Promise<Person> {
    kit = new TestKit(programmeWith({ languages: ['en', 'nb', 'ar'] }));
    kit.capabilities = { maxButtons: 0, maxButtonLabel: 64, maxText: 4096, canInitiate: true };
    await kit.open();
    return coordinator(kit);
  }

  const idOf = (name: string) => kit.rows<{ id: number }>('select id from participants where name = ?', name)[0]?.id ?? 0;
  const pairOf = (menteeId: number) => kit.rows<{ id: number }>('select id from pairs where mentee_id = ?', menteeId)[0]?.id ?? 0;
  /** Everything a person was told, as one text, without the marks that keep names and numbers in their direction. */
  const told = (person: Person) =>
    plain(
      kit.channel
        .sentTo(person.name)
        .map((m) => m.text)
        .join('\n'),
    );
  const lastTold = (person: Person) => plain(person.lastText());

  async function kickoff(member: Person, frequency: string): Promise<void> {
    await member.press('Plan the start');
    await member.press('Yes, I agree');
    await member.press(frequency);
    await member.say('1, 3'); // chat messages and video calls
    await member.press('OK');
    await member.say('yes');
  }

  it('takes Olena, in English, from her application to the follow-up survey', async () => {
    const coco = await openKit();
    const [olena, kari] = [kit.person('olena'), kit.person('kari')];

    // She applies; Kari registers as a mentor.
    for (const line of englishIntake('Olena')) await olena.say(line);
    expect(olena.lastText()).toContain('Thank you! Your application is sent.');
    for (const line of mentorRegistration('Kari', 'Civil engineer', 'Woman')) await kari.say(line);
    expect(kari.lastText()).toContain('Thank you! A coordinator will now read your registration.');
    await approveMentors(kit);
    const [olenaId, kariId] = [idOf('Olena'), idOf('Kari')];

    // Screening: the coordinator sees what waits, reads it, and accepts her.
    await coco.say('/applications');
    expect(coco.lastText()).toBe(`1 application:\n#${olenaId} Olena – new`);
    await coco.say(`/view ${olenaId}`);
    expect(coco.lastText()).toContain(`Application from #${olenaId} Olena – new`);
    expect(coco.lastText()).toContain('“Work as an engineer again”');
    await coco.say(`/accept ${olenaId}`);
    expect(coco.lastText()).toContain(`Done: #${olenaId} Olena is now accepted. They got a message.`);
    expect(olena.lastText()).toBe('Good news! You are accepted in the programme. Now we look for a mentor for you.');

    // The proposal: the coordinator types the number shown beside Kari; Olena asks /status, then types her answer.
    await coco.say(`/suggest ${olenaId}`);
    expect(coco.lastText()).toContain(`#${kariId} Kari – `);
    await coco.say(String(kariId));
    expect(coco.lastText()).toContain(`is sent to #${olenaId} Olena and #${kariId} Kari.`);
    expect(olena.lastText()).toContain('Good news! We have a mentor for you: Kari.');
    await olena.say('/status');
    expect(olena.lastText()).toContain('Kompis proposed Kari as your mentor, and waits for your answer. Do you want Kari as your mentor?');
    await olena.say('yes');
    expect(olena.lastText()).toBe('Thank you! Now we wait for Kari to answer.');
    await kari.say('yes');
    const pairId = pairOf(olenaId);
    expect(kari.lastText()).toContain('You are now a pair with Olena! The programme ends on May 2, 2027.');
    expect(olena.lastText()).toContain('You are now a pair with Kari! The programme ends on May 2, 2027.');
    expect(coco.lastText()).toBe(`Pair ${pairId} is active: both said yes.`);

    // The kickoff: Kari wants to meet once a month, Olena twice. Both hear it kindly, and so does the coordinator.
    await kickoff(kari, 'Once a month');
    await kickoff(olena, 'Twice a month');
    expect(told(olena)).toContain('You chose "Twice a month" for how often you meet, and Kari chose "Once a month". Both are fine.');
    expect(told(kari)).toContain('You chose "Once a month" for how often you meet, and Olena chose "Twice a month". Both are fine.');
    expect(told(coco)).toContain('They answered differently about how often they meet: mentee "Twice a month", mentor "Once a month".');

    // Goals: the goal from her application is offered, and she keeps it; one step for December.
    await olena.press('Set my goals');
    expect(olena.lastText()).toContain('In your application you wrote this goal: "Work as an engineer again" (A job in my field). Do you want to keep it as your end goal?');
    await olena.say('yes');
    await olena.say('A CV for a bridge engineer job');
    await olena.press('December 2026');
    await olena.say('no');
    await olena.say('yes');
    expect(olena.lastText()).toContain('Your goals are saved.');
    expect(kari.lastText()).toContain('Olena has set goals:');
    expect(kari.lastText()).toContain('End goal: “Work as an engineer again” (A job in my field)');

    // Saturday 7 November: they meet, and Kari logs it.
    await kit.days(5);
    for (const typed of ['/met', 'today', 'in person', '1']) await kari.say(typed);
    expect(kari.lastText()).toBe('Thank you! The meeting is saved.');

    // 2 December: the check-in knows about the meeting; her step is done.
    await kit.days(25);
    expect(olena.lastText()).toContain('Time for your monthly check-in about your mentoring with Kari.');
    await olena.press('Start the check-in');
    expect(olena.lastText()).toContain('Kari logged a meeting with you on November 7, 2026. Have you met again since?');
    await olena.say('Yes, once');
    await olena.say('1'); // the CV
    expect(olena.lastText()).toContain('How is this goal going: "Work as an engineer again"?');
    await olena.say('working on it');
    expect(olena.lastText()).toContain('How is this goal going: "A CV for a bridge engineer job"?');
    await olena.say('done');
    await olena.say('4');
    await olena.say('no thanks');
    await olena.say('/skip');
    expect(olena.lastText()).toContain('Thank you for your answers!');
    await olena.say('/goals');
    expect(olena.lastText()).toMatch(/#\d+ “A CV for a bridge engineer job” – done/);

    // They go quiet. Twice a month alone would nudge them after 15 days; the less frequent choice counts.
    await kit.days(15);
    expect(told(olena)).not.toContain('We think you and Kari have not met for some time');
    await kit.days(15);
    expect(olena.lastText()).toContain('We think you and Kari have not met for some time');
    expect(told(kari)).toContain('We think you and Olena have not met for some time');

    // A week after the nudge the coordinator is alerted; the alert and its "Last meeting" line agree.
    await kit.days(7);
    const alert = plain(
      kit.channel
        .sentTo('coco')
        .map((m) => m.text)
        .find((text) => text.includes(`Pair ${pairId} has not met`)) ?? '',
    );
    expect(alert).toContain(`Pair ${pairId} has not met since a check-in on December 2, 2026 said they met (37 days), as far as we know. Both got a nudge.`);
    expect(alert).toContain('Last meeting: before December 2, 2026, as a check-in said (1 meeting logged).');
    expect(alert).toContain('Goals: 1 of 2 done.');

    // The coordinator opens it by the number the list shows, and nudges the pair again.
    await coco.say('/alerts');
    const line =
      coco
        .lastText()
        .split('\n')
        .find((l) => l.includes(`Pair ${pairId} has not met`)) ?? '';
    const shown = /^(\d+)\. /.exec(line)?.[1] ?? '';
    expect(shown).not.toBe('');
    await coco.say(shown);
    expect(coco.lastText().split('\n').slice(0, 2)).toEqual([`Alert ${shown}`, line.slice(`${shown}. `.length, line.indexOf(' (#'))]);
    await coco.press('Nudge the pair');
    expect(coco.lastText()).toBe(`Both members of pair ${pairId} got a friendly nudge.`);
    expect(olena.lastText()).toContain('We think you and Kari have not met for some time');

    // Olena logs the meeting they then have; the alert closes by itself.
    await olena.press('Tell us about a meeting');
    for (const typed of ['today', 'video', 'interview']) await olena.say(typed);
    expect(olena.lastText()).toBe('Thank you! The meeting is saved.');
    await coco.say('/alerts');
    expect(coco.lastText()).not.toContain(`Pair ${pairId} has not met`);

    // February: Olena has found a job. Ending asks first, and the reason is shared only when the coordinator says so.
    await kit.days(30);
    await coco.say(`/pair ${pairId}`);
    await coco.press('Found a job');
    expect(coco.lastText()).toContain(`End pair ${pairId} (#${olenaId} Olena with #${kariId} Kari)? Reason: Found a job. Both get a kind message. Should it tell them the reason?`);
    expect(told(olena)).not.toContain('ended your mentoring');
    await coco.press('End it and tell them the reason');
    expect(coco.lastText()).toContain(`Pair ${pairId} is now ended. Both got a message.`);
    const ended =
      'Your coordinator has ended your mentoring with Kari. The reason: Found a job. Thank you for taking part!\nIf you have questions, write to your coordinator: coordinator@example.org';
    // On a channel without buttons, the way to the coordinator line is listed under it.
    expect(olena.lastText()).toBe(`${ended}\n\n1. Write to a coordinator`);
    expect(kari.lastText()).toContain('Your coordinator has ended your mentoring with Olena. The reason: Found a job.');

    // The end survey waits out the day in which the end can be undone.
    kit.clock.advance(DAY_MS / 2);
    await kit.tick();
    // On a channel without buttons, the way to the coordinator line is listed under it.
    expect(olena.lastText()).toBe(`${ended}\n\n1. Write to a coordinator`);
    kit.clock.advance(DAY_MS / 2 + 60_000);
    await kit.tick();
    expect(olena.lastText()).toContain('We would like to hear how it went: a few short questions.');
    await olena.say('/status');
    expect(olena.lastText()).toContain('We would like to hear how it went');
    await olena.press('Start the survey');
    await olena.say('with my name');
    for (const typed of ['1', 'yes', 'permanent', 'full', '4', '5', '4', '4', '5', '4', '4', '5', 'partly', '9', 'Kari knew the right people', '/skip']) {
      await olena.say(typed);
    }
    expect(olena.lastText()).toBe('Thank you for your answers! They help the programme get better.');
    await olena.say('/status');
    expect(olena.lastText()).toBe('Your mentoring with Kari has ended. Thank you for taking part!\nQuestions? Write to coordinator@example.org.');

    // Six months after the end (she said yes to surveys after the programme), the follow-up.
    await kit.days(183);
    expect(olena.lastText()).toContain('Some months ago you finished the mentoring programme. We would like to hear how you are doing now');
  });

  it('takes Hala, in Arabic, from her application to the follow-up survey, with a mentor who writes in English', async () => {
    const coco = await openKit();
    const [hala, maria] = [kit.person('hala'), kit.person('maria')];

    for (const line of ARABIC_INTAKE) await hala.say(line);
    expect(lastTold(hala)).toContain('شكرًا لك! تم إرسال طلبك.');
    for (const line of mentorRegistration('Maria', 'Nurse', 'Woman', 'Health and care')) await maria.say(line);
    await approveMentors(kit);
    const [halaId, mariaId] = [idOf('هالة'), idOf('Maria')];

    await coco.say('/applications');
    expect(coco.lastText()).toBe(`1 application:\n#${halaId} هالة – new`);
    await coco.say(`/accept ${halaId}`);
    await coco.say(`/suggest ${halaId}`);
    expect(coco.lastText()).toContain(`#${mariaId} Maria – `);
    expect(coco.lastText()).toContain('same field (Health and care)');
    await coco.say(`/match ${halaId} ${mariaId}`);

    // She asks where things stand, and answers with an Arabic yes.
    await hala.say('/status');
    expect(lastTold(hala)).toContain('اقترح Kompis عليك Maria مرشدًا لك، وينتظر إجابتك. هل يناسبك Maria مرشدًا لك؟');
    await hala.say('نعم');
    expect(lastTold(hala)).toBe('شكرًا لك! ننتظر الآن إجابة Maria.');
    expect(maria.lastText()).toContain('We have a mentee for you: هالة.');
    await maria.say('yes');
    expect(lastTold(hala)).toContain('أنت الآن في شراكة إرشاد مع Maria! ينتهي البرنامج في 2 مايو 2027.');

    // They agree to meet every week, so a week and a day without a sign of a meeting brings a nudge.
    await kickoff(maria, 'Every week');
    await hala.say('1'); // Plan the start
    for (const typed of ['1', 'كل أسبوع', '1', '1', 'نعم']) await hala.say(typed);
    expect(told(hala)).toContain('شكرًا لك! يستطيع منسّقك أن يرى هذا.');
    expect(told(hala)).not.toContain('اخترت');

    // Her goal from the application is kept with an Arabic yes.
    await hala.say('1'); // Set my goals
    expect(lastTold(hala)).toContain('كتبت في طلبك هذا الهدف: «أريد أن أعمل ممرضة» (عمل في مجالي). هل نبقيه هدفك النهائي؟');
    for (const typed of ['نعم', 'الاعتراف بشهادتي', '3', 'لا', 'نعم']) await hala.say(typed);
    expect(lastTold(hala)).toContain('حُفظت أهدافك.');
    expect(maria.lastText()).toContain('End goal: “أريد أن أعمل ممرضة” (A job in my field)');

    await kit.days(7);
    expect(told(hala)).not.toContain('مرّ وقت منذ آخر لقاء');
    await kit.days(1);
    expect(told(hala)).toContain('مرحبًا! نظن أنه مرّ وقت منذ آخر لقاء بينك وبين Maria.');
    expect(told(maria)).toContain('We think you and هالة have not met for some time');

    // The pair runs to its end date, 2 May 2027: completed, and the end survey comes in Arabic.
    await kit.days(173);
    expect(kit.rows('select status from pairs')).toEqual([{ status: 'completed' }]);
    expect(lastTold(hala)).toContain('انتهت فترة الإرشاد. نودّ أن نعرف كيف كانت: بضعة أسئلة قصيرة.');
    await hala.say('1'); // Start the survey
    await hala.say('دون ذكر اسمي');
    for (const typed of ['1', 'نعم', 'دائم', '1', '4', '5', '4', '4', '5', '4', '4', '5', 'نعم', '٩', 'المرشدة كانت رائعة', '/skip']) {
      await hala.say(typed);
    }
    expect(lastTold(hala)).toBe('شكرًا لك على إجاباتك! إنها تساعد البرنامج على التحسّن.');
    await hala.say('/status');
    expect(lastTold(hala)).toContain('انتهت فترة الإرشاد مع Maria. شكرًا لك على المشاركة!');

    await kit.days(184);
    expect(lastTold(hala)).toContain('أنهيت برنامج الإرشاد قبل بضعة أشهر.');
  });
});

/** Without the invisible marks (FSI … PDI) that keep names, numbers and dates in their own direction. */
function plain(text: string): string {
  return text.replace(/[\u2066-\u2069]/g, '');
}

/** Hala's application in Arabic, typed as she would: option words, numbers, her own words. */
const ARABIC_INTAKE = [
  '/start',
  'العربية',
  'أريد مرشدًا',
  '1', // OK, continue
  'نعم، أوافق',
  'نعم', // surveys after the programme
  'هالة',
  '1', // right to work: yes
  'بيرغن',
  '3', // everyday Norwegian (B1)
  '34',
  'نعم', // six months
  'أريد أن أعمل ممرضة',
  '1', // a job in my field
  '1, 2',
  'بكالوريوس',
  'التمريض',
  'سوريا',
  '1', // recognised
  'ممرضة',
  'الصحة والرعاية',
  '4', // 6–10 years
  'ممرضة في مستشفى',
  '1', // the field of that job: health and care
  'العربية، الإنجليزية',
  '3', // English: everyday (B1)
  '1',
  '1',
  'أحب مساعدة الناس',
  'اللغة',
  'ليس لدي عمل', // now: no job
  '3', // 3–5 years in the country
  '1',
  'امرأة',
  'أفضل ألا أقول',
  'نعم',
];
