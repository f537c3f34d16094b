import { intakeFlow } from '../flows/intake/intakeFlow';
import type { FormFlow } from '../flows/types';

/** Every flow by id, so a stored state finds its flow again. */
export const FLOWS: Record<string, FormFlow> = {
  [intakeFlow.id]: intakeFlow,
};
