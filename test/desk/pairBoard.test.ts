import { describe, expect, it } from 'vitest';
import { pairBoard } from '../../src/pairs/pairBoard';
import { pairHealth } from '../../src/pairs/pairHealth';
import { activePair, logMeeting } from '../helpers/pairScript';
import { demoProgramme, TestKit } from '../helpers/testKit';

describe('the pair board', () => {
  it('reads each pair’s health as /pairs does: the last sign of a meeting, the latest ratings, the open alerts', async () => {
    const kit = await new TestKit().open();
    try {
      const first = await activePair(kit, 'Amina', 'Maria');
      await logMeeting(first.mentee);
      await activePair(kit, 'Olena', 'Mona');
      // Long enough for check-ins to go out and a quiet pair to be noticed.
      await kit.days(70);
      const programme = demoProgramme();
      const board = kit.app.store.db.transaction((tx) => {
        const rows = pairBoard(tx, programme, kit.clock.now());
        return rows.map((row) => ({ board: row.health, chat: pairHealth(tx, row.pair, programme.timezone) }));
      });
      expect(board).toHaveLength(2);
      for (const { board: shown, chat } of board) expect(shown).toEqual(chat);
      expect(board.some((b) => b.chat.openAlerts > 0)).toBe(true);
    } finally {
      await kit.close();
    }
  });
});
