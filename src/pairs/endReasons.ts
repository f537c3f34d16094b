/** Why a pair ended, as a coordinator chooses it (`/end P REASON`); each has its words in `coordinator.endReason`. */
export const END_REASONS = ['completed', 'jobFound', 'time', 'relationship', 'health', 'moved', 'visa', 'other'] as const;
export type EndReason = (typeof END_REASONS)[number];
