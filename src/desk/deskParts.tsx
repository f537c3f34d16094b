import type { Child } from 'hono/jsx';

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

/**
 * Figures as a table a screen reader reads, with a bar beside each number for the eye; the widest
 * bar is the largest figure.
 */
export function BarChart(props: { label: string; bars: { label: string; value: number }[] }) {
  const most = Math.max(1, ...props.bars.map((b) => b.value));
  return (
    <table class="chart">
      <caption class="visually-hidden">{props.label}</caption>
      <tbody>
        {props.bars.map((b) => (
          <tr>
            <th scope="row">{b.label}</th>
            <td class="figure">{String(b.value)}</td>
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
