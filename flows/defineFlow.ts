import type { z } from 'zod';
import type { Answers, Effect, FlowContext, FormFlow, Step } from './types';
import type { Text } from '../src/text/messages';

/** A form flow as it is written: `given` (what it was started with) typed by its own schema. */
export interface TypedFormFlow<G> {
  id: string;
  version: number;
  /** Reads `given` as it is stored (plain JSON with the state); a state it refuses cannot go on. */
  given: z.ZodType<G>;
  steps(ctx: FlowContext, given: G): Step[];
  review?: { intro: Text };
  submit(answers: Answers, ctx: FlowContext, given: G): { effects: Effect[]; lines: Text[] };
}

/**
 * A flow the form runner can run: its `given` is read with the flow's schema once per stored object
 * (the runner asks for the steps several times a turn), so the flow itself sees typed values only.
 */
export function defineFlow<G>(flow: TypedFormFlow<G>): FormFlow {
  const read = new WeakMap<Answers, G>();
  const typed = (given: Answers): G => {
    const known = read.get(given);
    if (known !== undefined) return known;
    const parsed = flow.given.parse(given);
    read.set(given, parsed);
    return parsed;
  };
  return {
    id: flow.id,
    version: flow.version,
    review: flow.review,
    steps: (ctx, given) => flow.steps(ctx, typed(given)),
    submit: (answers, ctx, given) => flow.submit(answers, ctx, typed(given)),
  };
}
