import { join } from 'node:path';
import { openStore } from '../db/client';
import { ENGLISH_INTAKE } from '../test/helpers/intakeScript';

/**
 * What the engine's work costs at the least: per message, the rows a turn writes (the event, the
 * person's identity and last activity, the conversation state, the replies in the outbox) in one
 * immediate transaction of plain prepared statements, then each reply claimed and marked sent, as the
 * outbox does. The same schema, file and pragmas as Kompis; no flows, no rendering, no drizzle.
 */
export function floorBench(dir: string, conversations: number, repliesPerMessage: number): { messagesPerSecond: number } {
  const store = openStore(join(dir, 'floor.db'));
  const db = store.sqlite;
  try {
    db.prepare("insert into programmes (id, name, settings, updated_at) values ('floor', 'Floor', '{}', ?)").run(new Date().toISOString());
    const event = db.prepare('insert into inbound_events (channel, event_id, received_at) values (?, ?, ?) on conflict do nothing');
    const identity = db.prepare(
      "select i.participant_id as id, p.language from channel_identities i join participants p on p.id = i.participant_id where i.channel = 'console' and i.external_user_id = ?",
    );
    const newPerson = db.prepare("insert into participants (programme_id, language, last_active_at) values ('floor', 'en', ?)");
    const newIdentity = db.prepare("insert into channel_identities (participant_id, channel, external_user_id, conversation_ref) values (?, 'console', ?, ?)");
    const active = db.prepare('update participants set last_active_at = ? where id = ?');
    const address = db.prepare('update channel_identities set conversation_ref = ? where participant_id = ?');
    const state = db.prepare('select state from flow_states where participant_id = ?');
    const saveState = db.prepare(
      'insert into flow_states (participant_id, flow_id, flow_version, state, updated_at) values (?, ?, 1, ?, ?) on conflict (participant_id) do update set state = excluded.state, updated_at = excluded.updated_at',
    );
    const enqueue = db.prepare(
      "insert into outbox (dedupe_key, participant_id, channel, conversation_ref, language, message, next_attempt_at) values (?, ?, 'console', ?, 'en', ?, ?) on conflict do nothing",
    );
    const due = db.prepare("select id from outbox where status = 'pending' and next_attempt_at <= ? order by id limit 50");
    const claim = db.prepare("update outbox set attempts = attempts + 1, next_attempt_at = ? where id = ? and status = 'pending' and next_attempt_at <= ?");
    const sent = db.prepare(`update outbox set status = 'sent', message = '{"lines":[]}', last_error = null, sent_at = ? where id = ?`);
    const turn = db.transaction((user: string, eventId: string, step: number, replies: number) => {
      const now = new Date().toISOString();
      if (event.run('console', eventId, now).changes === 0) return;
      const ref = JSON.stringify({ user });
      let person = identity.get(user) as { id: number } | undefined;
      if (!person) {
        const id = Number(newPerson.run(now).lastInsertRowid);
        newIdentity.run(id, user, ref);
        person = { id };
      }
      active.run(now, person.id);
      address.run(ref, person.id);
      const previous = state.get(person.id) as { state: string } | undefined;
      const answers = previous ? (JSON.parse(previous.state) as { answers: Record<string, string> }).answers : {};
      answers[`q${step}`] = `An answer of a few words, number ${step}`;
      saveState.run(person.id, 'intake', JSON.stringify({ flowId: 'intake', stepId: `q${step + 1}`, answers, history: Object.keys(answers) }), now);
      for (let r = 0; r < replies; r++) {
        const message = JSON.stringify({ lines: [{ key: 'intake.question.prompt', params: { n: step } }], choices: [{ value: 'yes', label: { key: 'common.yes' } }] });
        enqueue.run(`turn:console:${eventId}:${r}`, person.id, ref, message, now);
      }
    });
    let messages = 0;
    const start = performance.now();
    for (let i = 0; i < conversations; i++) {
      for (let j = 0; j < ENGLISH_INTAKE.length; j++) {
        const replies = Math.floor((messages + 1) * repliesPerMessage) - Math.floor(messages * repliesPerMessage);
        turn.immediate(`person${i}`, `${i}:${j}`, j, replies);
        const now = new Date().toISOString();
        for (const row of due.all(now) as { id: number }[]) {
          claim.run(new Date(Date.now() + 60_000).toISOString(), row.id, now);
          sent.run(now, row.id);
        }
        messages++;
      }
    }
    return { messagesPerSecond: messages / ((performance.now() - start) / 1000) };
  } finally {
    store.close();
  }
}
