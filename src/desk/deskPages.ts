import { APPLICATION_ACTIONS } from './applicationActions';
import { ALERT_ACTIONS, THREAD_ACTIONS } from './alertActions';
import type { DeskAction, DeskDownload, DeskFormPage, DeskPage } from './deskView';
import { exportDownload, importConfirm, importPage, importPreview } from './pages/importPage';
import { alertsPage } from './pages/alertsPage';
import { broadcastPage, broadcastsPage } from './pages/broadcastsPage';
import { gatheringPage, gatheringsPage } from './pages/gatheringsPage';
import { reportDownload, reportPage } from './pages/reportPage';
import { applicationPage } from './pages/applicationPage';
import { applicationsPage } from './pages/applicationsPage';
import { todayPage } from './pages/todayPage';
import { pairPage } from './pages/pairPage';
import { pairsPage } from './pages/pairsPage';
import { mentorsPage } from './pages/mentorsPage';
import { BROADCAST_ACTIONS } from './broadcastActions';
import { GATHERING_ACTIONS } from './gatheringActions';
import { MENTOR_ACTIONS } from './mentorActions';
import { PAIR_ACTIONS } from './pairActions';

/**
 * Every desk page. A new page is one file in
 * `pages/` exporting a `DeskPage`, added here and, when it belongs in the navigation, to `NAV`.
 */
export const DESK_PAGES: DeskPage[] = [
  todayPage,
  alertsPage,
  applicationsPage,
  applicationPage,
  pairsPage,
  pairPage,
  mentorsPage,
  broadcastsPage,
  broadcastPage,
  gatheringsPage,
  gatheringPage,
  reportPage,
  importPage,
];

/** Every desk action (a POST), each a chat command's own domain function. */
export const DESK_ACTIONS: DeskAction[] = [
  ...APPLICATION_ACTIONS,
  ...PAIR_ACTIONS,
  ...ALERT_ACTIONS,
  ...THREAD_ACTIONS,
  ...MENTOR_ACTIONS,
  ...BROADCAST_ACTIONS,
  ...GATHERING_ACTIONS,
];

/** Every desk download (a POST, written in the audit log), each a file the command line also writes. */
export const DESK_DOWNLOADS: DeskDownload[] = [reportDownload, exportDownload];

/** Every form answered with a page (a POST with the form token): the import's preview and its confirmation. */
export const DESK_FORM_PAGES: DeskFormPage[] = [importPreview, importConfirm];
