import type { Child } from 'hono/jsx';
import type { CommandContext, CommandResult } from '../conversation/commandContext';
import type { Text } from '../text/messages';

/** What a desk page reads with: the coordinator's command context (read transaction, language), and the request. */
export interface DeskView {
  /** The same context a chat command gets, with the desk as its channel: domain functions take it as it is. */
  c: CommandContext;
  /** A text in the coordinator's language. */
  tr: (text: Text) => string;
  /** A number as the coordinator's language writes it (Urdu in its own digits). */
  num: (value: number) => string;
  /** The form token every POST of this session carries. */
  csrf: string;
  params: Record<string, string>;
  query: (name: string) => string | undefined;
}

/** The pages in the navigation, in this order; a page of its own (an application) names the one it belongs to. */
export const NAV = ['today', 'alerts', 'applications', 'pairs', 'mentors', 'broadcasts', 'gatherings', 'report', 'import'] as const;
export type NavItem = (typeof NAV)[number];

/**
 * One desk page: its path under `/desk`, where it sits in the navigation, and how it renders.
 * `render` returns undefined when what the path names does not exist (404). A new page is one file
 * exporting one of these, listed in `DESK_PAGES`.
 */
export interface DeskPage {
  path: string;
  nav: NavItem;
  render: (view: DeskView) => { title: Text; body: Child } | undefined;
}

/**
 * One desk action (a POST): it runs a domain function, the same one the chat command runs, in one
 * transaction, and says which page to show next. The reply the chat would give is shown on that page.
 */
export interface DeskAction {
  path: string;
  run: (c: CommandContext, input: { params: Record<string, string>; form: Record<string, string> }) => { result: CommandResult; next: string };
}

/**
 * One desk download (a POST with the form token, as a change is): a file made in one transaction,
 * in which the download is also written in the audit log.
 */
export interface DeskDownload {
  path: string;
  run: (view: DeskView, form: Record<string, string>) => { filename: string; contentType: string; body: string };
}

/**
 * A form answered with a page rather than a redirect (the import's preview and its confirmation): a
 * POST with the form token, its fields and uploaded files read and the page rendered in one transaction.
 */
export interface DeskFormPage {
  path: string;
  nav: NavItem;
  render: (view: DeskView, input: { form: Record<string, string>; files: Record<string, Uint8Array> }) => { title: Text; body: Child };
}
