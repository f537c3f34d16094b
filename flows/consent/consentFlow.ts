import { z } from 'zod';
import { defineFlow } from '../defineFlow';
import { t } from '../../src/text/messages';
import type { MainConsent } from '../consentKinds';
import { consentStep, optionalConsentSteps } from '../questions';

/**
 * Consent asked again after the programme changed its text (a new `consent.version`): the new text
 * and yes or no; an applicant is asked the optional consents again too. Refusing keeps the person's
 * data as it is and says how to delete it; they are asked again at their next message.
 */
export const consentFlow = defineFlow({
  given: z.object({ kind: z.string().optional() }),
  id: 'consent',
  version: 1,
  steps: (ctx, given) => {
    const kind: MainConsent = given.kind === 'mentor' ? 'mentor' : 'intake';
    return [consentStep(ctx, kind, true), ...(kind === 'intake' ? optionalConsentSteps(ctx.programme) : [])];
  },
  submit: () => ({ effects: [], lines: [t('privacy.renewed')] }),
});
