import { buildReport, type Period, type ReportAudience } from '../../evaluation/buildReport';
import { formatReport, REPORT_FORMATS } from '../../evaluation/formatReport';
import { display, headerLines, labelText, type ReportText } from '../../evaluation/reportText';
import { audit } from '../../privacy/audit';
import { isDay } from '../../text/calendar';
import { t } from '../../text/messages';
import { ActionForm, SaidLines } from '../deskParts';
import { theirWords } from '../../people/answerLines';
import type { DeskDownload, DeskPage, DeskView } from '../deskView';

const CONTENT_TYPES = { csv: 'text/csv', json: 'application/json', md: 'text/markdown', html: 'text/html' } as const;

/**
 * The report's figures as coordinators see them (as `/report` does; either version written in the audit
 * log as `/report` is), for a period; or, switched, the funder's version with every small figure hidden, and that
 * version to download in each format (written in the audit log as `npm run report` is).
 */
export const reportPage: DeskPage = {
  path: '/report',
  nav: 'report',
  render: (view) => {
    const { c, tr, csrf } = view;
    const { period, wrong } = periodOf(view.query('from'), view.query('to'));
    const audience: ReportAudience = view.query('audience') === 'funder' ? 'funder' : 'programme';
    const report = buildReport(c.tx, c.ctx.programme, period, c.ctx.now, audience);
    audit(c.tx, { programmeId: c.ctx.programme.id, actorId: c.actorId, action: 'report', at: c.ctx.now });
    // Named free-text answers are a view of each person who wrote them.
    const quoted = new Set(report.sections.flatMap((s) => s.quotes ?? []).map((q) => q.participantId));
    for (const subjectId of quoted) audit(c.tx, { programmeId: c.ctx.programme.id, actorId: c.actorId, action: 'report', subjectId, at: c.ctx.now });
    const text: ReportText = { language: c.ctx.language, translate: tr, now: c.ctx.now };
    return {
      title: t('desk.nav.report'),
      body: (
        <>
          <form method="get" action="/desk/report" class="filters">
            <label>
              {tr(t('desk.report.from'))}
              <input type="date" name="from" value={period.from ?? ''} />
            </label>
            <label>
              {tr(t('desk.report.to'))}
              <input type="date" name="to" value={period.to ?? ''} />
            </label>
            <fieldset>
              <legend>{tr(t('desk.report.audience'))}</legend>
              <label>
                <input type="radio" name="audience" value="programme" checked={audience === 'programme'} />
                {tr(t('desk.report.programme'))}
              </label>
              <label>
                <input type="radio" name="audience" value="funder" checked={audience === 'funder'} />
                {tr(t('desk.report.funder'))}
              </label>
            </fieldset>
            <button type="submit">{tr(t('desk.filter.show'))}</button>
          </form>
          {wrong ? (
            <p class="flash" role="alert">
              {tr(t('desk.report.wrongPeriod'))}
            </p>
          ) : null}
          {headerLines(report, text).map((line) => (
            <p class="note">{line}</p>
          ))}
          {report.sections.map((s) => (
            <section>
              <h2>{labelText(text, s.title)}</h2>
              {s.quotes ? (
                <>
                  <p class="note">{tr(t('report.namedOnly'))}</p>
                  <SaidLines lines={s.quotes.map((q) => t('report.quote', { name: q.name, words: theirWords(q.words) }))} tr={tr} />
                </>
              ) : s.figures.length === 0 ? (
                <p class="empty">{tr(t('report.nothing'))}</p>
              ) : (
                <table class="report">
                  <thead>
                    <tr>
                      <th scope="col">{tr(t('report.column.item'))}</th>
                      <th scope="col">{tr(t('report.column.value'))}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {s.figures.map((f) => (
                      <tr>
                        <th scope="row">{labelText(text, f.label)}</th>
                        <td class="figure">{display(f, text.language, report.minimumCell)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </section>
          ))}
          {audience === 'funder' ? (
            <section>
              <h2>{tr(t('desk.report.download'))}</h2>
              <p>{tr(t('desk.report.downloadNote'))}</p>
              <div class="actions">
                {REPORT_FORMATS.map((format) => (
                  <ActionForm action="/desk/report/download" csrf={csrf} label={tr(t('desk.report.format', { format: format.toUpperCase() }))}>
                    <input type="hidden" name="format" value={format} />
                    <input type="hidden" name="from" value={period.from ?? ''} />
                    <input type="hidden" name="to" value={period.to ?? ''} />
                  </ActionForm>
                ))}
              </div>
            </section>
          ) : null}
        </>
      ),
    };
  },
};

/** The funder's report as a file, in the format asked for. */
export const reportDownload: DeskDownload = {
  path: '/report/download',
  run: (view: DeskView, form) => {
    const { c, tr } = view;
    const format = REPORT_FORMATS.find((f) => f === form.format) ?? 'html';
    const { period } = periodOf(form.from, form.to);
    const report = buildReport(c.tx, c.ctx.programme, period, c.ctx.now, 'funder');
    audit(c.tx, { programmeId: c.ctx.programme.id, actorId: c.actorId, action: 'exportReport', at: c.ctx.now });
    const body = formatReport(report, format, { language: c.ctx.language, translate: tr, now: c.ctx.now });
    const days = [period.from, period.to].filter((d) => d !== undefined).join('_');
    return { filename: `report${days === '' ? '' : `_${days}`}.${format}`, contentType: `${CONTENT_TYPES[format]}; charset=utf-8`, body };
  },
};

/** The period asked for: real days only, and not ending before it starts; anything else is the whole time, said so. */
function periodOf(from: string | undefined, to: string | undefined): { period: Period; wrong: boolean } {
  const day = (value: string | undefined) => (value === undefined || value === '' ? undefined : isDay(value) ? value : null);
  const [first, last] = [day(from), day(to)];
  if (first === null || last === null || (first && last && first > last)) return { period: {}, wrong: true };
  return { period: { from: first, to: last }, wrong: false };
}
