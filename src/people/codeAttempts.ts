/**
 * Wrong coordinator codes per person, so the code cannot be guessed by trying: after `limit` wrong
 * tries within `windowMs`, no code is checked for that person (not even the right one) until the
 * oldest try is that old. Kept in memory: a restart forgets the tries, which costs an attacker a
 * restart they cannot cause.
 */
export class CodeAttempts {
  private readonly tries = new Map<number, number[]>();

  constructor(
    private readonly limit = 5,
    private readonly windowMs = 60 * 60 * 1000,
  ) {}

  /** Whether `participantId` has used up their tries. */
  locked(participantId: number, now: Date): boolean {
    return this.recent(participantId, now).length >= this.limit;
  }

  /** Counts a refused try (a wrong code, or any code while locked, which keeps the lock on). */
  refused(participantId: number, now: Date): void {
    const recent = this.recent(participantId, now);
    recent.push(now.getTime());
    // Only the last `limit` tries matter; a person who keeps trying does not grow the map.
    this.tries.set(participantId, recent.slice(-this.limit));
  }

  private recent(participantId: number, now: Date): number[] {
    const since = now.getTime() - this.windowMs;
    const recent = (this.tries.get(participantId) ?? []).filter((at) => at > since);
    if (recent.length === 0) this.tries.delete(participantId);
    return recent;
  }
}
