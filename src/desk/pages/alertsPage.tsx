import { alertCommand } from '../../alerts/alertCommands';
import { alertList } from '../../alerts/alertView';
import { type Action, decodeAction } from '../../conversation/actions';
import { pageArg } from '../../conversation/listPage';
import type { Choice, OutMessage, Text } from '../../text/messages';
import { t } from '../../text/messages';
import { listThreads, showThread } from '../../threads/threadCommands';
import { ActionForm, Pager, SaidLines, Section } from '../deskParts';
import type { DeskPage, DeskView } from '../deskView';

/** The chat's "write /alerts 2 for the next page": the desk has links to its pages instead. */
const chatOnly = (line: Text) => line.key !== 'lists.page' && line.key !== 'lists.lastPage';

/**
 * The open alerts as `/alerts` lists them, each opened as `/alert N` opens it (and written in the
 * audit log as that is), with the buttons the chat gives it; then the open conversations as
 * `/threads` lists them, each as `/thread T` shows it, with reply, take and close. A person's own
 * words stand apart from Kompis's lines.
 */
export const alertsPage: DeskPage = {
  path: '/alerts',
  nav: 'alerts',
  render: (view) => {
    const { c, tr } = view;
    const alertPage = pageArg(view.query('alerts'));
    const threadPage = pageArg(view.query('threads'));
    const listed = alertList(c.tx, c.ctx.programme, alertPage);
    const threads = listThreads(c, threadPage === undefined ? undefined : String(threadPage)).messages[0];
    const link = (name: 'alerts' | 'threads') => (n: number) => {
      const pages = { alerts: alertPage ?? 1, threads: threadPage ?? 1, [name]: n };
      return `/desk/alerts?alerts=${pages.alerts}&threads=${pages.threads}`;
    };
    return {
      title: t('desk.nav.alerts'),
      body: (
        <>
          <Section title={tr(t('desk.today.alerts'))} empty={tr(t('desk.none'))}>
            {listed ? (
              <>
                <SaidLines lines={listed.lines.filter(chatOnly)} tr={tr} />
                {numbers(listed).map((id) => alertArticle(view, id))}
                <Pager label={tr(t('desk.today.alerts'))} pages={pagesOf(listed)} current={alertPage ?? 1} link={link('alerts')} />
              </>
            ) : null}
          </Section>
          <Section title={tr(t('desk.today.threads'))} empty={tr(t('desk.none'))}>
            {threads?.choices ? (
              <>
                <SaidLines lines={threads.lines.filter(chatOnly)} tr={tr} />
                {numbers(threads).map((id) => threadArticle(view, id))}
                <Pager label={tr(t('desk.today.threads'))} pages={pagesOf(threads)} current={threadPage ?? 1} link={link('threads')} />
              </>
            ) : null}
          </Section>
        </>
      ),
    };
  },
};

/** The alert or thread numbers a chat list offers, in its order. */
function numbers(message: OutMessage): number[] {
  return (message.choices ?? []).map((choice) => choice.number).filter((n): n is number => n !== undefined);
}

function pagesOf(message: OutMessage): number {
  const line = message.lines.find((l) => !chatOnly(l));
  return Number(line?.params?.pages ?? 1);
}

/** One alert as `/alert N` shows it, with a form for each of its buttons. */
function alertArticle(view: DeskView, id: number) {
  const { c, tr, csrf } = view;
  const message = alertCommand(c, [String(id)]).messages[0];
  if (!message) return null;
  const [heading, ...lines] = message.lines;
  const actions = (message.choices ?? []).map((choice) => ({ choice, action: decodeAction(choice.value) }));
  return (
    <article class="item" aria-labelledby={`alert-${id}`}>
      <h3 id={`alert-${id}`}>{heading ? tr(heading) : null}</h3>
      <SaidLines lines={lines} tr={tr} />
      <div class="actions">{actions.map(({ choice, action }) => (action ? alertAction(view, id, choice, action) : null))}</div>
      {actions.some(({ action }) => action?.name === 'contactPerson') ? <ReplyForm action={`/desk/alerts/${id}/reply`} csrf={csrf} tr={tr} /> : null}
    </article>
  );
}

function alertAction(view: DeskView, id: number, choice: Choice, action: Action) {
  const { tr, csrf } = view;
  const label = tr(choice.label);
  const sure = (
    <label class="confirm">
      <input type="checkbox" name="confirm" value="yes" required />
      {tr(t('desk.pair.confirm'))}
    </label>
  );
  if (action.name === 'alertAct') return <ActionForm action={`/desk/alerts/${id}/${action.act}`} csrf={csrf} label={label} />;
  // Suggest and End open pages: the application's suggested mentors, the pair's changes.
  if (action.name === 'suggest') return <a href={`/desk/applications/${action.applicant}`}>{label}</a>;
  if (action.name === 'pair') return <a href={`/desk/pairs/${action.pair}`}>{label}</a>;
  const confirmed = action.name === 'pause' || action.name === 'rematch' ? action.name : action.name === 'end' ? 'withdraw' : undefined;
  if (confirmed === undefined) return null; // Reply is the form under the buttons.
  return (
    <ActionForm action={`/desk/alerts/${id}/${confirmed}`} csrf={csrf} label={label}>
      {sure}
    </ActionForm>
  );
}

/** One conversation as `/thread T` shows it (written in the audit log as that is), with reply, take and close. */
function threadArticle(view: DeskView, id: number) {
  const { c, tr, csrf } = view;
  const message = showThread(c, String(id)).messages[0];
  if (!message) return null;
  const [heading, ...lines] = message.lines;
  const can = (name: string) => (message.choices ?? []).some((choice) => decodeAction(choice.value)?.name === name);
  return (
    <article class="item" aria-labelledby={`thread-${id}`}>
      <h3 id={`thread-${id}`}>{heading ? tr(heading) : null}</h3>
      <SaidLines lines={lines} tr={tr} />
      <div class="actions">
        {can('take') ? <ActionForm action={`/desk/threads/${id}/take`} csrf={csrf} label={tr(t('threads.action.take'))} /> : null}
        {can('close') ? <ActionForm action={`/desk/threads/${id}/close`} csrf={csrf} label={tr(t('threads.action.close'))} /> : null}
      </div>
      {can('reply') ? <ReplyForm action={`/desk/threads/${id}/reply`} csrf={csrf} tr={tr} /> : null}
    </article>
  );
}

/** A coordinator's answer to a person, sent through the coordinator line. */
function ReplyForm(props: { action: string; csrf: string; tr: (text: Text) => string }) {
  return (
    <ActionForm action={props.action} csrf={props.csrf} label={props.tr(t('desk.alerts.send'))}>
      <label>
        {props.tr(t('threads.action.reply'))}
        <textarea name="text" rows={3} required />
      </label>
    </ActionForm>
  );
}
