/** An application window of a programme that takes applicants in rounds; days are YYYY-MM-DD in the programme's time zone. */
export interface RoundWindow {
  opens: string;
  closes: string;
  cohortStart: string;
}

/** A round with its name: the year it opens and its place among that year's rounds, e.g. `2027-1`, `2027-2`. */
export interface ApplicationRound extends RoundWindow {
  id: string;
}

/** The programme's rounds in the order they open, each named `<year>-<n>`. */
export function namedRounds(windows: readonly RoundWindow[]): ApplicationRound[] {
  const sorted = [...windows].sort((a, b) => a.opens.localeCompare(b.opens));
  const perYear = new Map<string, number>();
  return sorted.map((w) => {
    const year = w.opens.slice(0, 4);
    const n = (perYear.get(year) ?? 0) + 1;
    perYear.set(year, n);
    return { ...w, id: `${year}-${n}` };
  });
}

/**
 * Where applications stand on `day`: `rolling` when the programme has no rounds (everyone may apply
 * any day), `open` inside a window, `closed` outside one, with the next round if one is planned.
 */
export type Intake = { kind: 'rolling' } | { kind: 'open'; round: ApplicationRound } | { kind: 'closed'; next: ApplicationRound | null };

export function intakeOn(windows: readonly RoundWindow[], day: string): Intake {
  if (windows.length === 0) return { kind: 'rolling' };
  const rounds = namedRounds(windows);
  const open = rounds.find((r) => r.opens <= day && day <= r.closes);
  if (open) return { kind: 'open', round: open };
  return { kind: 'closed', next: rounds.find((r) => r.opens > day) ?? null };
}

/**
 * The round an application sent on `day` belongs to: the open one, or else the last one that closed
 * (someone who began inside the window and finished the questions just after it closed).
 */
export function roundOfApplication(windows: readonly RoundWindow[], day: string): ApplicationRound | null {
  const intake = intakeOn(windows, day);
  if (intake.kind === 'open') return intake.round;
  if (intake.kind === 'rolling') return null;
  return namedRounds(windows).findLast((r) => r.closes < day) ?? null;
}
