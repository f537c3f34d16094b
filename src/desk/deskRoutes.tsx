import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Context } from 'hono';
import { Hono } from 'hono';
import type { Child } from 'hono/jsx';
import { bodyLimit } from 'hono/body-limit';
import { getCookie, setCookie } from 'hono/cookie';
import type { Store, Tx } from '../../db/client';
import type { CommandContext } from '../conversation/commandContext';
import { MAX_BODY_BYTES } from '../http/httpServer';
import { notify } from '../conversation/notify';
import type { Clock } from '../runtime/clock';
import type { Logger } from '../runtime/logger';
import type { Programme } from '../settings/programme';
import type { Translator } from '../text/i18n';
import { writtenNumber } from '../text/languages';
import { t, type Text } from '../text/messages';
import { DESK_ACTIONS, DESK_DOWNLOADS, DESK_FORM_PAGES, DESK_PAGES } from './deskPages';
import { csrfMatches, DESK_SESSION_MS, type DeskSession, deskSession, setFlash, signIn, signOut } from './deskSignIn';
import { DeskLayout } from './deskLayout';
import type { DeskView } from './deskView';
import { projectPath } from '../runtime/projectRoot';

export interface DeskOptions {
  store: Store;
  programme: Programme;
  translator: Translator;
  clock: Clock;
  logger: Logger;
  /** Called after an action was committed: the messages it queued go out. */
  afterAction: () => void;
  /** The largest request body, as the server's (`MAX_BODY_BYTES` unless a test sets a smaller one). */
  maxBodyBytes?: number;
}

const COOKIE = 'kompis_desk';
const STYLESHEET = readFileSync(projectPath('src', 'desk', 'desk.css'), 'utf8');

/** Sent with every desk answer: nothing cached, no script, no framing, no address sent on. */
const HEADERS = {
  'cache-control': 'no-store',
  'content-security-policy': "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
};

/**
 * The coordinator desk under `/desk`. Apart from the stylesheet and the sign-in link, every path
 * answers only to a current coordinator's session (others get the sign-in answer, 401), and every
 * POST only with the session's form token (403 without it). Pages and actions are listed in
 * `deskPages.ts`; actions run the chat commands' own domain functions.
 */
export function deskRoutes(options: DeskOptions): Hono {
  const { store, programme, translator, clock } = options;
  const desk = new Hono();
  desk.use('*', async (c, next) => {
    await next();
    for (const [name, value] of Object.entries(HEADERS)) c.header(name, value);
  });
  // The server's body limit, kept here for the desk so that a file too large to upload gets a page that says so.
  desk.use(
    '*',
    bodyLimit({
      maxSize: options.maxBodyBytes ?? MAX_BODY_BYTES,
      onError: (c) => {
        const session = store.db.transaction((tx) => deskSession(tx, getCookie(c, COOKIE), clock.now()));
        const page = refusalPage('desk.import.tooLarge', 413, session);
        return c.html(page.html, page.status, { connection: 'close' });
      },
    }),
  );
  desk.get('/desk.css', (c) => c.body(STYLESHEET, 200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'max-age=3600' }));

  desk.get('/login/:token', (c) => {
    // Only the token's own characters: a chat in Arabic or Dari isolates the link with direction marks, which a phone may keep.
    const id = signIn(store.db, c.req.param('token').replace(/[^\w-]/g, ''), clock.now());
    if (!id) return refusal(c, 'desk.linkUsed', 403);
    setCookie(c, COOKIE, id, {
      path: '/desk',
      httpOnly: true,
      sameSite: 'Strict',
      secure: new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https',
      maxAge: DESK_SESSION_MS / 1000,
    });
    return c.redirect('/desk', 303);
  });

  desk.post('/signout', async (c) => {
    const form = await formOf(c);
    const out = store.db.transaction(
      (tx) => {
        const session = deskSession(tx, getCookie(c, COOKIE), clock.now());
        if (!session) return 401 as const;
        if (!csrfMatches(session, form.csrf)) return 403 as const;
        signOut(tx, session);
        return 200 as const;
      },
      { behavior: 'immediate' },
    );
    if (out === 200) setCookie(c, COOKIE, '', { path: '/desk', maxAge: 0, httpOnly: true, sameSite: 'Strict' });
    return refusal(c, out === 403 ? 'desk.formTooOld' : 'desk.signIn', out === 200 ? 200 : out);
  });

  for (const page of DESK_PAGES) {
    desk.get(page.path, (c) => {
      // The page is read and its views audited in one transaction, rendered to a string inside it.
      const shown = store.db.transaction((tx): { html: string; status: 200 | 401 | 404 } => {
        const now = clock.now();
        const session = deskSession(tx, getCookie(c, COOKIE), now);
        if (!session) return refusalPage('desk.signIn', 401);
        const view = viewOf(tx, session, now, c);
        const content = page.render(view);
        if (!content) return refusalPage('desk.notFound', 404, session);
        if (session.flash) setFlash(tx, session, null);
        const html = rendered(
          <DeskLayout language={view.c.ctx.language} title={view.tr(content.title)} tr={view.tr} nav={page.nav} csrf={session.csrf} flash={session.flash}>
            {content.body}
          </DeskLayout>,
        );
        return { html, status: 200 };
      });
      return c.html(shown.html, shown.status);
    });
  }

  for (const action of DESK_ACTIONS) {
    desk.post(action.path, async (c) => {
      const form = await formOf(c);
      const done = store.db.transaction(
        (tx): { refused: string; status: 401 | 403 } | { next: string } => {
          const now = clock.now();
          const session = deskSession(tx, getCookie(c, COOKIE), now);
          if (!session) return { refused: 'desk.signIn', status: 401 };
          if (!csrfMatches(session, form.csrf)) return { refused: 'desk.formTooOld', status: 403 };
          const view = viewOf(tx, session, now, c);
          const { result, next } = action.run(view.c, { params: c.req.param(), form });
          // The desk's own request id keys the notices, as a chat turn's event id does.
          const key = `desk:${randomUUID()}`;
          result.notices.forEach((notice, i) => notify(tx, programme, { ...notice, dedupeKey: `${key}:notice:${i}` }, now));
          setFlash(tx, session, result.messages.flatMap((m) => m.lines.map(view.tr)).join('\n'));
          return { next };
        },
        { behavior: 'immediate' },
      );
      if ('refused' in done) return refusal(c, done.refused, done.status);
      options.afterAction();
      return c.redirect(done.next, 303);
    });
  }

  for (const formPage of DESK_FORM_PAGES) {
    desk.post(formPage.path, async (c) => {
      const { form, files } = await formWithFiles(c);
      const shown = store.db.transaction(
        (tx): { html: string; status: 200 | 401 | 403 } => {
          const now = clock.now();
          const session = deskSession(tx, getCookie(c, COOKIE), now);
          if (!session) return refusalPage('desk.signIn', 401);
          if (!csrfMatches(session, form.csrf)) return refusalPage('desk.formTooOld', 403, session);
          const view = viewOf(tx, session, now, c);
          const content = formPage.render(view, { form, files });
          const html = rendered(
            <DeskLayout language={view.c.ctx.language} title={view.tr(content.title)} tr={view.tr} nav={formPage.nav} csrf={session.csrf}>
              {content.body}
            </DeskLayout>,
          );
          return { html, status: 200 };
        },
        { behavior: 'immediate' },
      );
      return c.html(shown.html, shown.status);
    });
  }

  for (const download of DESK_DOWNLOADS) {
    desk.post(download.path, async (c) => {
      const form = await formOf(c);
      const done = store.db.transaction(
        (tx): { refused: string; status: 401 | 403 } | { file: ReturnType<typeof download.run> } => {
          const now = clock.now();
          const session = deskSession(tx, getCookie(c, COOKIE), now);
          if (!session) return { refused: 'desk.signIn', status: 401 };
          if (!csrfMatches(session, form.csrf)) return { refused: 'desk.formTooOld', status: 403 };
          return { file: download.run(viewOf(tx, session, now, c), form) };
        },
        { behavior: 'immediate' },
      );
      if ('refused' in done) return refusal(c, done.refused, done.status);
      return c.body(done.file.body, 200, { 'content-type': done.file.contentType, 'content-disposition': `attachment; filename="${done.file.filename}"` });
    });
  }

  // Last: a path the desk does not have is not found only for a coordinator; anybody else is asked to sign in.
  desk.all('*', (c) => {
    const session = store.db.transaction((tx) => deskSession(tx, getCookie(c, COOKIE), clock.now()));
    const page = session ? refusalPage('desk.notFound', 404, session) : refusalPage('desk.signIn', 401);
    return c.html(page.html, page.status);
  });
  return desk;

  function viewOf(tx: Tx, session: DeskSession, now: Date, c: Context): DeskView {
    const language = programme.languages.includes(session.language ?? '') ? (session.language ?? programme.defaultLanguage) : programme.defaultLanguage;
    const tr = (text: Text) => translator.translate(text, language);
    const command: CommandContext = { tx, actorId: session.coordinatorId, channel: 'desk', ctx: { programme, now, language, translate: tr } };
    return { c: command, tr, num: (value) => writtenNumber(value, language), csrf: session.csrf, params: c.req.param(), query: (name) => c.req.query(name) };
  }

  /** The short answer to a request the desk does not serve: what happened and what to do. */
  function refusal(c: Context, key: string, status: 200 | 401 | 403 | 404) {
    const page = refusalPage(key, status);
    return c.html(page.html, page.status);
  }

  function refusalPage<S extends 200 | 401 | 403 | 404 | 413>(key: string, status: S, session?: DeskSession): { html: string; status: S } {
    const language = session?.language && programme.languages.includes(session.language) ? session.language : programme.defaultLanguage;
    const say = (text: Text) => translator.translate(text, language);
    const html = rendered(
      <DeskLayout language={language} title={say(t('desk.title'))} tr={say} nav={session ? 'today' : undefined} csrf={session?.csrf}>
        <p>{say(t(key))}</p>
      </DeskLayout>,
    );
    return { html, status };
  }
}

/** A page as HTML, at once: desk pages have no asynchronous parts, so they render inside a transaction. */
function rendered(node: Child): string {
  const html = node === null || node === undefined ? '' : node.toString();
  if (typeof html !== 'string') throw new Error('a desk page rendered asynchronously');
  return `<!doctype html>${html}`;
}

async function formOf(c: Context): Promise<Record<string, string>> {
  const body = await c.req.parseBody().catch(() => ({}));
  return Object.fromEntries(Object.entries(body).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/** A multipart form's fields and its uploaded files' bytes (a file field left empty is no file). */
async function formWithFiles(c: Context): Promise<{ form: Record<string, string>; files: Record<string, Uint8Array> }> {
  const body: Record<string, unknown> = await c.req.parseBody().catch(() => ({}));
  const form: Record<string, string> = {};
  const files: Record<string, Uint8Array> = {};
  for (const [name, value] of Object.entries(body)) {
    if (typeof value === 'string') form[name] = value;
    else if (value instanceof File && value.size > 0) files[name] = new Uint8Array(await value.arrayBuffer());
  }
  return { form, files };
}
