/** The consent every applicant (`intake`) or mentor (`mentor`) gives before anything is stored. */
export type MainConsent = 'intake' | 'mentor';

/** Consents a person may give or refuse and still take part; each can be withdrawn at once (`/privacy`). */
export const OPTIONAL_CONSENTS = ['followUp', 'partner'] as const;
export type OptionalConsent = (typeof OPTIONAL_CONSENTS)[number];
