import type { Child } from 'hono/jsx';
import { type Param, t, type Text } from '../text/messages';

/** A page section with its heading; `empty` is said when it has nothing to show. */
export function Section(props: { title: string; empty: string; children?: Child }) {
  const has = Array.isArray(props.children) ? props.children.some((c) => c !== null && c !== undefined && c !== false) : props.children !== null && props.children !== undefined;
  return (
    <section>
      <h2>{props.title}</h2>
      {has ? props.children : <p class="empty">{props.empty}</p>}
    </section>
  );
}

/** Kompis's own lines (the chat's words for an alert or a thread), one paragraph each. */
export function Lines(props: { lines: string[] }) {
  if (props.lines.length === 0) return null;
  return (
    <div class="lines">
      {props.lines.map((line) => (
        <p>{line}</p>
      ))}
    </div>
  );
}

const THEIR_WORDS = 'common.theirWords';

/**
 * Kompis's lines in which a person's own words (a thread message, an alert's note) stand apart as
 * theirs: quoted, isolated in their own direction, in a <q>-like span a screen reader and the eye tell
 * from Kompis's sentence. Everything is text, escaped by the renderer.
 */
export function SaidLines(props: { lines: Text[]; tr: (text: Text) => string }) {
  if (props.lines.length === 0) return null;
  return (
    <div class="lines">
      {props.lines.map((line) => (
        <p>{said(line, props.tr)}</p>
      ))}
    </div>
  );
}

/** One line: their words are put in by mark, the line translated around the marks, and the words put back as elements. */
function said(line: Text, tr: (text: Text) => string): Child {
  const words: Text[] = [];
  const marked = (param: Param): Param => {
    if (Array.isArray(param) || typeof param !== 'object' || 'known' in param) return param;
    if (param.key === THEIR_WORDS) {
      words.push(param);
      return `\u0000${words.length - 1}\u0000`;
    }
    return param.params ? { ...param, params: Object.fromEntries(Object.entries(param.params).map(([k, v]) => [k, marked(v)])) } : param;
  };
  const parts = tr(marked(line) as Text).split('\u0000');
  if (parts.length === 1) return parts[0];
  return parts.map((part, i) => {
    const spoken = i % 2 === 1 ? words[Number(part)] : undefined;
    return spoken ? (
      <bdi class="their-words" lang="">
        {tr(spoken)}
      </bdi>
    ) : (
      part
    );
  });
}

/**
 * Figures as a table a screen reader reads, with a bar beside each number for the eye; the widest
 * bar is the largest figure.
 */
export function BarChart(props: { label: string; bars: { label: string; value: number }[]; num: (value: number) => string }) {
  const most = Math.max(1, ...props.bars.map((b) => b.value));
  return (
    <table class="chart">
      <caption class="visually-hidden">{props.label}</caption>
      <tbody>
        {props.bars.map((b) => (
          <tr>
            <th scope="row">{b.label}</th>
            <td class="figure">{props.num(b.value)}</td>
            <td class="bar" aria-hidden="true">
              <meter min={0} max={most} value={b.value} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A POST form with the session's token: every change on the desk goes through one. */
export function ActionForm(props: { action: string; csrf: string; label: string; children?: Child; kind?: 'primary' | 'plain' }) {
  return (
    <form method="post" action={props.action} class="action">
      <input type="hidden" name="csrf" value={props.csrf} />
      {props.children}
      <button type="submit" class={props.kind ?? 'plain'}>
        {props.label}
      </button>
    </form>
  );
}

/** Links to the pages of a long list, the current one marked; nothing when it fits on one page. */
export function Pager(props: { label: string; pages: number; current: number; link: (page: number) => string }) {
  if (props.pages <= 1) return null;
  return (
    <nav class="pages" aria-label={props.label}>
      {Array.from({ length: props.pages }, (_, i) => i + 1).map((n) => (
        <a href={props.link(n)} aria-current={n === props.current ? 'page' : undefined}>
          {String(n)}
        </a>
      ))}
    </nav>
  );
}

/** The chat's names of the groups a desk form offers (`/broadcast`, `/gathering new`), each with its label's key. */
const GROUP_LABELS = {
  waiting: 'waiting',
  mentors: 'mentors',
  'mentors free': 'free',
  'mentors inactive': 'inactive',
  pairs: 'pairs',
  everyone: 'everyone',
} as const;

/** A select's options for groups of people: the chat's group name as the value, the coordinator's words as the label. */
export function GroupOptions(props: { groups: readonly (keyof typeof GROUP_LABELS)[]; languages: readonly string[]; tr: (text: Text) => string }) {
  return (
    <>
      {props.groups.map((group) => (
        <option value={group}>{props.tr(t(`desk.groups.${GROUP_LABELS[group]}`))}</option>
      ))}
      {props.languages.map((language) => (
        <option value={`language ${language}`}>{props.tr(t('desk.groups.language', { language }))}</option>
      ))}
    </>
  );
}
