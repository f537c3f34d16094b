import type { Person, TestKit } from './testKit';

/** A coordinator's desk session over plain HTTP: sign in through `/desk` in the chat, then GET and POST as a browser would. */
export interface DeskClient {
  cookie: string;
  get(path: string): Promise<{ status: number; html: string }>;
  /** A POST with the session's form token (taken from a page, as a form carries it) unless `csrf` is given. */
  post(path: string, form?: Record<string, string>, csrf?: string): Promise<{ status: number; location: string | null; html: string }>;
}

/** The link `/desk` answers with in the chat. */
export async function deskLink(coordinator: Person): Promise<string> {
  const [answer] = await coordinator.say('/desk');
  const link = /(http:\/\/[\w.:]+\/desk\/login\/[\w-]+)/.exec(answer?.text ?? '')?.[1];
  if (!link) throw new Error(`no desk link in: ${answer?.text}`);
  return link;
}

export async function signInToDesk(kit: TestKit, coordinator: Person): Promise<DeskClient> {
  const login = await fetch(await deskLink(coordinator), { redirect: 'manual' });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  if (login.status !== 303 || cookie === '') throw new Error(`sign-in refused: ${login.status}`);
  const get = async (path: string) => {
    const res = await fetch(kit.url() + path, { headers: { cookie }, redirect: 'manual' });
    return { status: res.status, html: await res.text() };
  };
  return {
    cookie,
    get,
    post: async (path, form = {}, csrf) => {
      const token = csrf ?? /name="csrf" value="([^"]+)"/.exec((await get('/desk')).html)?.[1] ?? '';
      const res = await fetch(kit.url() + path, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ ...form, ...(token === '' ? {} : { csrf: token }) }),
        redirect: 'manual',
      });
      return { status: res.status, location: res.headers.get('location'), html: await res.text() };
    },
  };
}
