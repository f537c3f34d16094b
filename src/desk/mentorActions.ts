import { screenMentor } from '../people/mentorScreening';
import type { DeskAction } from './deskView';

/** The mentor bank's screening buttons, each the chat's `/mentor M approve|talk|decline`. */
export const MENTOR_ACTIONS: DeskAction[] = (['approve', 'talk', 'decline'] as const).map((decision) => ({
  path: `/mentors/:id/${decision}`,
  run: (c, { params }) => ({ result: screenMentor(c, params.id, decision), next: '/desk/mentors' }),
}));
