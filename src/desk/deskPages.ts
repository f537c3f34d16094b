import { APPLICATION_ACTIONS } from './applicationActions';
import type { DeskAction, DeskPage } from './deskView';
import { applicationPage } from './pages/applicationPage';
import { applicationsPage } from './pages/applicationsPage';
import { todayPage } from './pages/todayPage';
import { pairPage } from './pages/pairPage';
import { pairsPage } from './pages/pairsPage';
import { mentorsPage } from './pages/mentorsPage';
import { PAIR_ACTIONS } from './pairActions';

/**
 * Every desk page. A new page (alerts and threads, the report, the CSV import and export) is one file in
 * `pages/` exporting a `DeskPage`, added here and, when it belongs in the navigation, to `NAV`.
 */
export const DESK_PAGES: DeskPage[] = [todayPage, applicationsPage, applicationPage, pairsPage, pairPage, mentorsPage];

/** Every desk action (a POST), each a chat command's own domain function. */
export const DESK_ACTIONS: DeskAction[] = [...APPLICATION_ACTIONS, ...PAIR_ACTIONS];
