import { idArg } from '../../conversation/commandContext';
import { END_REASONS } from '../../pairs/endReasons';
import { MAX_EXTEND_MONTHS } from '../../pairs/extendPair';
import { canUndoEnd, showPair } from '../../pairs/pairCommands';
import { pairById } from '../../pairs/pairs';
import { pairTimeline } from '../../pairs/pairTimeline';
import { t } from '../../text/messages';
import { ActionForm, Lines, Section } from '../deskParts';
import type { DeskPage } from '../deskView';

/**
 * One pair: what the chat's `/pair` shows (and audits), the timeline, and pause / resume / extend /
 * end, each only after "Yes, I am sure" is ticked.
 */
export const pairPage: DeskPage = {
  path: '/pairs/:id',
  nav: 'pairs',
  render: ({ c, tr, csrf, params }) => {
    const pair = pairById(c.tx, idArg(params.id));
    if (!pair) return undefined;
    const shown = showPair(c, String(pair.id)).messages[0];
    const running = pair.status === 'active' || pair.status === 'paused';
    const sure = (
      <label class="confirm">
        <input type="checkbox" name="confirm" value="yes" required />
        {tr(t('desk.pair.confirm'))}
      </label>
    );
    return {
      title: t('coordinator.action.openPair', { pair: pair.id }),
      body: (
        <div class="columns">
          <div>
            <Lines lines={(shown?.lines ?? []).map(tr)} />
            <Section title={tr(t('desk.pair.timeline'))} empty={tr(t('desk.none'))}>
              <ol class="timeline">
                {pairTimeline(c.tx, pair, c.ctx.programme.timezone).map((e) => (
                  <li>{tr(e.line)}</li>
                ))}
              </ol>
            </Section>
          </div>
          <Section title={tr(t('desk.pair.actions'))} empty={tr(t('desk.none'))}>
            {running ? (
              <>
                <ActionForm
                  action={`/desk/pairs/${pair.id}/${pair.status === 'active' ? 'pause' : 'resume'}`}
                  csrf={csrf}
                  label={tr(t(`coordinator.action.${pair.status === 'active' ? 'pause' : 'resume'}`))}
                >
                  {sure}
                </ActionForm>
                <ActionForm action={`/desk/pairs/${pair.id}/extend`} csrf={csrf} label={tr(t('desk.pair.extend'))}>
                  <label>
                    {tr(t('desk.pair.months'))}
                    <input type="number" name="months" min="1" max={String(MAX_EXTEND_MONTHS)} value="1" required />
                  </label>
                  {sure}
                </ActionForm>
              </>
            ) : null}
            {running || pair.status === 'proposed' ? (
              <ActionForm action={`/desk/pairs/${pair.id}/end`} csrf={csrf} label={tr(t('desk.pair.end'))}>
                <label>
                  {tr(t('desk.pair.reason'))}
                  <select name="reason">
                    {END_REASONS.map((r) => (
                      <option value={r}>{tr(t(`coordinator.endReason.${r}`))}</option>
                    ))}
                  </select>
                </label>
                <fieldset>
                  <legend class="visually-hidden">{tr(t('desk.pair.end'))}</legend>
                  <label>
                    <input type="radio" name="tell" value="share" checked />
                    {tr(t('coordinator.action.endShare'))}
                  </label>
                  <label>
                    <input type="radio" name="tell" value="quiet" />
                    {tr(t('coordinator.action.endQuiet'))}
                  </label>
                </fieldset>
                {sure}
              </ActionForm>
            ) : null}
            {canUndoEnd(pair, c.ctx.now) ? (
              <ActionForm action={`/desk/pairs/${pair.id}/undo`} csrf={csrf} label={tr(t('coordinator.action.undoEnd'))}>
                {sure}
              </ActionForm>
            ) : null}
          </Section>
        </div>
      ),
    };
  },
};
