import { decide } from '../people/screening';
import { match } from '../pairs/proposals';
import { inviteToInterview } from '../threads/inviteToInterview';
import type { DeskAction } from './deskView';

/** The application page's buttons, each running the chat command's own function (`/invite`, `/accept`, `/waitlist`, `/decline`, `/match`). */
export const APPLICATION_ACTIONS: DeskAction[] = [
  { path: '/applications/:id/invite', run: (c, { params }) => ({ result: inviteToInterview(c, params.id, []), next: `/desk/applications/${params.id}` }) },
  { path: '/applications/:id/accept', run: (c, { params }) => ({ result: decide(c, 'accepted', params.id), next: `/desk/applications/${params.id}` }) },
  { path: '/applications/:id/waitlist', run: (c, { params }) => ({ result: decide(c, 'waitlisted', params.id), next: `/desk/applications/${params.id}` }) },
  { path: '/applications/:id/decline', run: (c, { params }) => ({ result: decide(c, 'declined', params.id), next: `/desk/applications/${params.id}` }) },
  { path: '/applications/:id/propose', run: (c, { params, form }) => ({ result: match(c, params.id, form.mentor), next: `/desk/applications/${params.id}` }) },
];
