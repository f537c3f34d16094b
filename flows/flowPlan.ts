import { localDay } from '../src/text/calendar';
import { normalise } from './parseAnswer';
import type { Answers, FlowContext, FormFlow, Option, Step } from './types';

/**
 * A flow worked out once for what its steps depend on (the programme, the language, the day, what it
 * was given): its steps in order, each found by id, the numbered questions, and the words of each
 * step's options as typed replies are matched against them. A turn walks the plan instead of
 * building the steps again.
 */
export interface FlowPlan {
  steps: readonly Step[];
  /** Each step by its id. */
  byId: ReadonlyMap<string, Step>;
  /** Each step's place in `steps`. */
  index: ReadonlyMap<string, number>;
  /** The questions asked of everyone (a label, no condition): the numbered ones. */
  main: readonly Step[];
  /** The options' labels in the plan's language, normalised for matching typed words; one array per step with options. */
  labels(step: Step): string[] | undefined;
}

/** Plans kept per flow and programme; beyond this many, the flow's plans start again. */
const MAX_PLANS = 500;

const plans = new WeakMap<FormFlow, WeakMap<object, Map<string, FlowPlan>>>();

/**
 * The flow's plan for this context and `given`. Steps are pure in what they read: the programme (its
 * object: a changed programme is a new one), the language, today's day (in the programme's zone and
 * in UTC, for the months offered) and `given`, so those make the plan's key.
 */
export function planOf(flow: FormFlow, ctx: FlowContext, given: Answers): FlowPlan {
  let byProgramme = plans.get(flow);
  if (!byProgramme) {
    byProgramme = new WeakMap();
    plans.set(flow, byProgramme);
  }
  let byKey = byProgramme.get(ctx.programme);
  if (!byKey) {
    byKey = new Map();
    byProgramme.set(ctx.programme, byKey);
  }
  const key = `${ctx.language}|${localDay(ctx.now, ctx.programme.timezone)}|${ctx.now.toISOString().slice(0, 10)}|${JSON.stringify(given)}`;
  let plan = byKey.get(key);
  if (!plan) {
    if (byKey.size >= MAX_PLANS) byKey.clear();
    plan = compile(flow.steps(ctx, given), ctx.translate);
    byKey.set(key, plan);
  }
  return plan;
}

function compile(steps: Step[], translate: FlowContext['translate']): FlowPlan {
  const byId = new Map(steps.map((s) => [s.id, s]));
  const index = new Map(steps.map((s, i) => [s.id, i]));
  const labels = new Map<Step, string[]>();
  return {
    steps,
    byId,
    index,
    main: steps.filter((s) => s.label && !s.when),
    labels: (step) => {
      const input = step.input;
      if (input.kind !== 'choice' && input.kind !== 'multi') return undefined;
      let table = labels.get(step);
      if (!table) {
        table = input.options.map((o: Option) => normalise(translate(o.label)));
        labels.set(step, table);
      }
      return table;
    },
  };
}
