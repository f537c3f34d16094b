import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importPeople } from '../../src/spreadsheet/importPeople';
import { englishIntake, mentorRegistration } from '../helpers/intakeScript';
import { coordinator } from '../helpers/pairScript';
import { demoProgramme, TestKit } from '../helpers/testKit';

/** Kari, a mentor from the programme's spreadsheet, and Omar, an applicant it already took in. */
function importKariAndOmar(kit: TestKit) {
  const programme = demoProgramme();
  const now = kit.clock.now();
  const [kari] = importPeople(kit.app.store, programme, {
    kind: 'mentors',
    file: 'Name,Languages,Profession,Sector,City,Capacity\nKari Nordmann,English,Civil engineer,engineering,Bergen,2\n',
    actorId: null,
    now,
  }).imported;
  const [omar] = importPeople(kit.app.store, programme, { kind: 'applicants', file: 'Name,Languages,Status\nOmar,ar,accepted\n', actorId: null, now }).imported;
  if (!kari || !omar) throw new Error('not imported');
  return { kari, omar };
}

describe('an imported person and their personal code', () => {
  let kit: TestKit;
  beforeEach(async () => {
    kit = await new TestKit().open();
  });
  afterEach(async () => {
    await kit.close();
  });

  it('is written to by nobody until they start the chat with the code, and is asked for consent before anything else', async () => {
    const { kari } = importKariAndOmar(kit);
    const coco = await coordinator(kit);
    const amina = kit.person('amina');
    for (const line of englishIntake('Amina')) await amina.say(line);
    const aminaId = kit.rows<{ id: number }>("select id from participants where name = 'Amina'")[0]?.id;
    await coco.say(`/accept ${aminaId}`);
    await coco.say(`/match ${aminaId} ${kari.participantId}`);
    // The proposal reaches Amina; Kari has no chat, so nothing is queued for her.
    expect(amina.lastText()).toContain('Kari Nordmann');
    expect(kit.rows('select * from outbox where participant_id = ?', kari.participantId)).toEqual([]);

    const kariChat = kit.person('kari-telegram');
    const [welcome, consent] = await kariChat.say(`/start ${kari.code}`);
    expect(welcome?.text).toContain('Welcome, Kari Nordmann! The coordinators of');
    expect(consent?.text).toContain('To find a good mentee for you');
    expect(consent?.choices.map((c) => c.label)).toEqual(['Yes, I agree', 'No']);
    expect(kit.rows('select participant_id from channel_identities where external_user_id = ?', 'kari-telegram')).toEqual([{ participant_id: kari.participantId }]);
    expect(kit.rows('select * from join_codes where participant_id = ?', kari.participantId)).toEqual([]);

    // No: nothing goes on, and the next message asks again.
    await kariChat.press('No');
    const [again, question] = await kariChat.say('/status');
    expect(again?.text).toBe('Before we go on, please read how we handle your data.');
    expect(question?.choices.map((c) => c.label)).toEqual(['Yes, I agree', 'No']);
    await kariChat.press('Yes, I agree');
    expect(kit.rows('select kind, decision from consents where participant_id = ? order by id', kari.participantId)).toEqual([
      { kind: 'mentor', decision: 'declined' },
      { kind: 'mentor', decision: 'granted' },
    ]);

    // Now she is a mentor like any other: the proposal that waited for her is hers to answer.
    const [status] = await kariChat.say('/status');
    expect(status?.text).toContain('Amina');
    expect(status?.choices.length).toBeGreaterThan(0);
  });

  it('works once: the code used again from another chat starts an ordinary conversation', async () => {
    const { omar } = importKariAndOmar(kit);
    await kit.person('omar').say(`/start ${omar.code}`);
    const [reply] = await kit.person('someone-else').say(`/start ${omar.code}`);
    expect(reply?.text).not.toContain('Welcome, Omar');
    expect(kit.rows('select * from channel_identities where participant_id = ?', omar.participantId)).toHaveLength(1);
  });

  it('links a chat that only said hello before the code, and forgets that first hello', async () => {
    const { omar } = importKariAndOmar(kit);
    const chat = kit.person('omar-phone');
    await chat.say('hi');
    const stub = kit.rows<{ participant_id: number }>('select participant_id from channel_identities where external_user_id = ?', 'omar-phone')[0]?.participant_id;
    const [welcome] = await chat.say(`/start ${omar.code.toLowerCase()}`);
    expect(welcome?.text).toContain('Welcome, Omar!');
    expect(kit.rows('select participant_id from channel_identities where external_user_id = ?', 'omar-phone')).toEqual([{ participant_id: omar.participantId }]);
    expect(kit.rows<{ erased_at: string | null }>('select erased_at from participants where id = ?', stub)[0]?.erased_at).not.toBeNull();
    // The applicant agrees, with the optional consents an applicant is asked.
    await chat.press('Yes, I agree');
    expect(kit.rows("select decision from consents where participant_id = ? and kind = 'intake'", omar.participantId)).toEqual([{ decision: 'granted' }]);
  });

  it('does not move a chat that already belongs to someone with data, and keeps the code', async () => {
    const { omar } = importKariAndOmar(kit);
    const maria = kit.person('maria');
    for (const line of mentorRegistration('Maria', 'Civil engineer', 'Woman')) await maria.say(line);
    const [reply] = await maria.say(`/start ${omar.code}`);
    expect(reply?.text).toContain('This chat is already in use in Kompis, so the code does not work here.');
    expect(kit.rows('select * from join_codes where participant_id = ?', omar.participantId)).toHaveLength(1);
    expect(kit.rows('select * from channel_identities where participant_id = ?', omar.participantId)).toEqual([]);
  });

  it('/invitecode N gives a coordinator the code (audited) until it is used; nobody else gets it', async () => {
    const { omar } = importKariAndOmar(kit);
    const coco = await coordinator(kit);
    const [shown] = await coco.say(`/invitecode ${omar.participantId}`);
    expect(shown?.text).toContain(`Personal code for #${omar.participantId} Omar: ${omar.code}`);
    expect(kit.rows("select subject_id from audit_log where action = 'viewJoinCode'")).toEqual([{ subject_id: omar.participantId }]);
    const [refused] = await kit.person('stranger').say(`/invitecode ${omar.participantId}`);
    expect(refused?.text).toContain('Only coordinators can use this command.');
    await kit.person('omar').say(`/start ${omar.code}`);
    const [gone] = await coco.say(`/invitecode ${omar.participantId}`);
    expect(gone?.text).toContain('This number has no personal code.');
  });
});
