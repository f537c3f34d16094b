import { desc, eq } from 'drizzle-orm';
import { broadcasts } from '../../../db/schema';
import { broadcastCommand } from '../../broadcasts/broadcastCommand';
import { type Broadcast, broadcastById, MAX_BROADCAST_TEXT, previewBroadcast } from '../../broadcasts/broadcasts';
import { idArg } from '../../conversation/commandContext';
import { localDay } from '../../text/calendar';
import { t, type Text } from '../../text/messages';
import { ActionForm, GroupOptions, Lines, Section } from '../deskParts';
import type { DeskPage, DeskView } from '../deskView';

/** The groups a broadcast can go to; one per language besides. */
const GROUPS = ['waiting', 'mentors', 'mentors free', 'mentors inactive', 'pairs', 'everyone'] as const;

/** Broadcasts: a form for a new one, and the broadcasts so far with who got them and who was passed over. */
export const broadcastsPage: DeskPage = {
  path: '/broadcasts',
  nav: 'broadcasts',
  render: (view) => {
    const { c, tr, csrf } = view;
    const { programme } = c.ctx;
    const rows = c.tx.select().from(broadcasts).where(eq(broadcasts.programmeId, programme.id)).orderBy(desc(broadcasts.id)).limit(100).all();
    return {
      title: t('desk.nav.broadcasts'),
      body: (
        <>
          <Section title={tr(t('desk.broadcasts.new'))} empty="">
            <form method="post" action="/desk/broadcasts/new" class="stacked">
              <input type="hidden" name="csrf" value={csrf} />
              <label>
                {tr(t('desk.broadcasts.group'))}
                <select name="segment">
                  <GroupOptions groups={GROUPS} languages={programme.languages} tr={tr} />
                </select>
              </label>
              <LanguageField view={view} chosen={c.ctx.language} />
              <label>
                {tr(t('desk.broadcasts.text'))}
                <textarea name="text" rows={6} maxlength={MAX_BROADCAST_TEXT} required />
              </label>
              <button type="submit" class="primary">
                {tr(t('desk.broadcasts.draft'))}
              </button>
            </form>
          </Section>
          <Section title={tr(t('desk.nav.broadcasts'))} empty={tr(t('desk.none'))}>
            {rows.length > 0 ? (
              <ul>
                {rows.map((b) => (
                  <li>
                    <a href={`/desk/broadcasts/${b.id}`}>{tr(t('desk.broadcasts.line', { id: b.id, segment: b.segment, status: statusOf(b, programme.timezone) }))}</a>
                    {b.status === 'sent' ? (
                      <>
                        <br />
                        {tr(t('broadcasts.skipped', { unreachable: b.skippedUnreachable ?? 0, noNews: b.skippedNoNews ?? 0 }))}
                      </>
                    ) : null}
                  </li>
                ))}
              </ul>
            ) : null}
          </Section>
        </>
      ),
    };
  },
};

/**
 * One broadcast. A draft shows the chat's preview (how many get it, who is passed over, the text each
 * language's readers get), a form for another language's text, and Send (confirmed) and Cancel.
 */
export const broadcastPage: DeskPage = {
  path: '/broadcasts/:id',
  nav: 'broadcasts',
  render: (view) => {
    const { c, tr, csrf, params } = view;
    const id = idArg(params.id);
    const b = id === undefined ? undefined : broadcastById({ tx: c.tx, programme: c.ctx.programme }, id);
    if (!b) return undefined;
    const preview = b.status === 'draft' ? broadcastCommand(c, [String(b.id)]).messages.flatMap((m) => m.lines) : [];
    const recipients =
      b.status === 'draft' ? previewBroadcast({ tx: c.tx, programme: c.ctx.programme, actorId: c.actorId, now: c.ctx.now }, b).audience.recipients.length : (b.recipients ?? 0);
    return {
      title: t('broadcasts.preview', { id: b.id, segment: b.segment, number: recipients }),
      body:
        b.status === 'draft' ? (
          <>
            <Lines lines={preview.slice(1).map(tr)} />
            <Section title={tr(t('desk.broadcasts.addText'))} empty="">
              <form method="post" action={`/desk/broadcasts/${b.id}/text`} class="stacked">
                <input type="hidden" name="csrf" value={csrf} />
                <LanguageField view={view} chosen={c.ctx.programme.languages.find((l) => l !== b.language) ?? b.language} />
                <label>
                  {tr(t('desk.broadcasts.text'))}
                  <textarea name="text" rows={6} maxlength={MAX_BROADCAST_TEXT} required />
                </label>
                <button type="submit">{tr(t('desk.broadcasts.save'))}</button>
              </form>
            </Section>
            <div class="actions">
              <ActionForm action={`/desk/broadcasts/${b.id}/send`} csrf={csrf} kind="primary" label={tr(t('broadcasts.action.send', { number: recipients }))}>
                <label>
                  <input type="checkbox" name="confirm" value="yes" /> {tr(t('desk.pair.confirm'))}
                </label>
              </ActionForm>
              <ActionForm action={`/desk/broadcasts/${b.id}/cancel`} csrf={csrf} label={tr(t('broadcasts.action.cancel'))} />
            </div>
          </>
        ) : (
          <p>{tr(t('desk.broadcasts.line', { id: b.id, segment: b.segment, status: statusOf(b, c.ctx.programme.timezone) }))}</p>
        ),
    };
  },
};

function LanguageField(props: { view: DeskView; chosen: string }) {
  return (
    <label>
      {props.view.tr(t('desk.broadcasts.language'))}
      <select name="language">
        {props.view.c.ctx.programme.languages.map((l) => (
          <option value={l} selected={l === props.chosen}>
            {props.view.tr({ key: 'language.self', lng: l })}
          </option>
        ))}
      </select>
    </label>
  );
}

function statusOf(b: Broadcast, timeZone: string): Text {
  switch (b.status) {
    case 'draft':
      return t('desk.broadcasts.status.draft');
    case 'sent':
      return t('desk.broadcasts.status.sent', { date: localDay(new Date(b.confirmedAt ?? b.createdAt), timeZone), number: b.recipients ?? 0 });
    case 'cancelled':
      return t('desk.broadcasts.status.cancelled');
  }
}
