import { z } from 'zod';
import { DEMO_PROGRAMME_PATH, type Programme } from './programme';
import { readJsonFile } from './readJsonFile';

/**
 * Whether the programme's coordinator code is the bundled demo's, which anyone can read in Kompis's
 * repository: on a chat channel, any stranger who writes it would see every application.
 */
export function hasPublishedInviteCode(programme: Programme): boolean {
  const code = programme.coordinatorInviteCode;
  if (code === undefined) return false;
  const demo = readJsonFile(DEMO_PROGRAMME_PATH);
  const parsed = z.object({ coordinatorInviteCode: z.string() }).safeParse(demo.ok ? demo.value : undefined);
  return parsed.success && parsed.data.coordinatorInviteCode === code;
}
