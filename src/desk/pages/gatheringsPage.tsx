import { and, asc, eq, gt } from 'drizzle-orm';
import { gatherings } from '../../../db/schema';
import { idArg } from '../../conversation/commandContext';
import { gatheringCommand } from '../../gatherings/gatheringCommands';
import { countsOf, GATHERING_KINDS, gatheringById, localTime, textIn } from '../../gatherings/gatherings';
import { localDay } from '../../text/calendar';
import { t } from '../../text/messages';
import { ActionForm, GroupOptions, Lines, Section } from '../deskParts';
import type { DeskPage } from '../deskView';

/** Who can be invited from the desk, as the chat's `/gathering new` names the groups. */
const GROUPS = ['mentors', 'mentors free', 'pairs', 'waiting', 'everyone'] as const;

/** The gatherings still to come and those of the last 30 days (as `/gathering` lists them), with their counts, and a form for a new one. */
export const gatheringsPage: DeskPage = {
  path: '/gatherings',
  nav: 'gatherings',
  render: ({ c, tr, csrf }) => {
    const { programme, now } = c.ctx;
    const tz = programme.timezone;
    const since = new Date(now.getTime() - 30 * 86_400_000).toISOString();
    const rows = c.tx
      .select()
      .from(gatherings)
      .where(and(eq(gatherings.programmeId, programme.id), gt(gatherings.endsAt, since)))
      .orderBy(asc(gatherings.startsAt))
      .all();
    return {
      title: t('desk.nav.gatherings'),
      body: (
        <>
          <Section title={tr(t('desk.nav.gatherings'))} empty={tr(t('gatherings.coordinator.none'))}>
            {rows.length > 0 ? (
              <ul>
                {rows.map((g) => {
                  const n = countsOf(c.tx, g.id);
                  const start = new Date(g.startsAt);
                  const line = t(g.status === 'cancelled' ? 'gatherings.coordinator.lineCancelled' : 'gatherings.coordinator.line', {
                    id: g.id,
                    title: textIn(g.title, c.ctx.language, programme),
                    date: localDay(start, tz),
                    from: localTime(start, tz),
                    yes: n.yes,
                    waiting: n.waiting,
                    came: n.came,
                  });
                  return (
                    <li>
                      <a href={`/desk/gatherings/${g.id}`}>{tr(line)}</a>
                    </li>
                  );
                })}
              </ul>
            ) : null}
          </Section>
          <Section title={tr(t('desk.gatherings.new'))} empty="">
            <form method="post" action="/desk/gatherings/new" class="stacked">
              <input type="hidden" name="csrf" value={csrf} />
              <label>
                {tr(t('desk.gatherings.kind'))}
                <select name="kind">
                  {GATHERING_KINDS.map((k) => (
                    <option value={k}>{tr(t(`gatherings.kind.${k}`))}</option>
                  ))}
                </select>
              </label>
              <label>
                {tr(t('desk.gatherings.title'))}
                <input name="title" required maxlength={200} />
              </label>
              <TimeFields tr={tr} />
              <label>
                {tr(t('desk.gatherings.place'))}
                <input name="place" required maxlength={300} />
              </label>
              <label>
                {tr(t('desk.gatherings.who'))}
                <select name="who">
                  <GroupOptions groups={GROUPS} languages={[]} tr={tr} />
                </select>
              </label>
              <label>
                {tr(t('desk.gatherings.places'))}
                <input name="places" type="number" min={1} max={99999} />
              </label>
              <label>
                <input type="checkbox" name="showCount" value="yes" /> {tr(t('desk.gatherings.showCount'))}
              </label>
              <label>
                {tr(t('desk.gatherings.description'))}
                <textarea name="description" rows={4} maxlength={1000} />
              </label>
              <button type="submit" class="primary">
                {tr(t('desk.gatherings.plan'))}
              </button>
            </form>
          </Section>
        </>
      ),
    };
  },
};

/**
 * One gathering as `/gathering G` shows it (its details, the counts, who answered or came, each view
 * audited as in the chat), a button for each who has not come yet, and move, place and cancel.
 */
export const gatheringPage: DeskPage = {
  path: '/gatherings/:id',
  nav: 'gatherings',
  render: ({ c, tr, csrf, params }) => {
    const id = idArg(params.id);
    const g = id === undefined ? undefined : gatheringById(c.tx, c.ctx.programme.id, id);
    if (!g) return undefined;
    const [shown] = gatheringCommand(c, [String(g.id)]).messages;
    const base = `/desk/gatherings/${g.id}`;
    return {
      title: t('gatherings.coordinator.open', { id: g.id }),
      body: (
        <>
          <Lines lines={(shown?.lines ?? []).map(tr)} />
          {(shown?.choices ?? []).length > 0 ? (
            <div class="actions">
              {(shown?.choices ?? []).map((choice) => (
                <ActionForm action={`${base}/came`} csrf={csrf} label={tr(choice.label)}>
                  <input type="hidden" name="person" value={String(choice.number ?? '')} />
                </ActionForm>
              ))}
            </div>
          ) : null}
          {g.status === 'cancelled' ? null : (
            <Section title={tr(t('desk.gatherings.change'))} empty="">
              <ActionForm action={`${base}/move`} csrf={csrf} label={tr(t('desk.gatherings.move'))}>
                <TimeFields tr={tr} />
              </ActionForm>
              <ActionForm action={`${base}/place`} csrf={csrf} label={tr(t('desk.gatherings.changePlace'))}>
                <label>
                  {tr(t('desk.gatherings.place'))}
                  <input name="place" required maxlength={300} />
                </label>
              </ActionForm>
              <ActionForm action={`${base}/cancel`} csrf={csrf} label={tr(t('desk.gatherings.cancel'))}>
                <label>
                  <input type="checkbox" name="confirm" value="yes" /> {tr(t('desk.pair.confirm'))}
                </label>
              </ActionForm>
            </Section>
          )}
        </>
      ),
    };
  },
};

function TimeFields(props: { tr: (text: ReturnType<typeof t>) => string }) {
  return (
    <>
      <label>
        {props.tr(t('desk.gatherings.day'))}
        <input name="day" type="date" required />
      </label>
      <label>
        {props.tr(t('desk.gatherings.from'))}
        <input name="from" type="time" required />
      </label>
      <label>
        {props.tr(t('desk.gatherings.to'))}
        <input name="to" type="time" required />
      </label>
    </>
  );
}
