import { t, type Text } from '../text/messages';

/** How many entries a coordinator's list shows at once: about a phone screen, and within every channel's buttons. */
export const PAGE_SIZE = 10;

export interface ListPage<T> {
  items: T[];
  /** 1-based. */
  page: number;
  pages: number;
}

/**
 * One page of a list. Every coordinator list pages the same way: the last word of the command is the
 * page (`/pairs 2`, `/pairs quiet 2`); a page past the end shows the last one.
 */
export function listPage<T>(all: T[], page: number | undefined): ListPage<T> {
  const pages = Math.max(1, Math.ceil(all.length / PAGE_SIZE));
  const current = Math.min(Math.max(page ?? 1, 1), pages);
  return { items: all.slice((current - 1) * PAGE_SIZE, current * PAGE_SIZE), page: current, pages };
}

/** "Page 1 of 4. Next page: /pairs 2": nothing when the list fits on one page. */
export function pageLine(page: { page: number; pages: number }, command: string): Text[] {
  if (page.pages <= 1) return [];
  if (page.page >= page.pages) return [t('lists.lastPage', { page: page.page, pages: page.pages })];
  return [t('lists.page', { page: page.page, pages: page.pages, next: `${command} ${page.page + 1}` })];
}

/** A page number typed after a list command (`2` in `/pairs 2`), or undefined. */
export function pageArg(arg: string | undefined): number | undefined {
  const digits = /^(\d{1,6})$/.exec(arg ?? '')?.[1];
  return digits === undefined ? undefined : Number(digits);
}
