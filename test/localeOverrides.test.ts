import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProgramme } from '../src/settings/programme';
import { demoSettings, TestKit } from './helpers/testKit';

/** A programme file in a folder of its own, with `locales/<code>.json` files beside it. */
function programmeFolder(locales: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'kompis-programme-'));
  writeFileSync(join(dir, 'programme.json'), JSON.stringify(demoSettings()));
  mkdirSync(join(dir, 'locales'));
  for (const [code, texts] of Object.entries(locales)) writeFileSync(join(dir, 'locales', `${code}.json`), JSON.stringify(texts));
  return join(dir, 'programme.json');
}

describe("a programme's own wording", () => {
  it('replaces one text in one language, through the whole engine, and leaves every other text and language as released', async () => {
    const path = programmeFolder({ nb: { welcome: { role: { prompt: 'Hei! Hva kan vi i Fjordhjelp gjøre for deg?' } } } });
    const kit = await new TestKit(loadProgramme(path)).open();
    try {
      const kari = kit.person('kari');
      await kari.say('/start');
      await kari.say('2'); // Norsk
      expect(kari.lastText()).toContain('Hei! Hva kan vi i Fjordhjelp gjøre for deg?');
      // The buttons and the next texts are still Kompis's own.
      await kari.press('Jeg vil ha en mentor');
      expect(kari.lastText()).toContain('En mentor hjelper deg når du søker jobb.');

      const amina = kit.person('amina');
      await amina.say('/start');
      await amina.say('1'); // English
      expect(amina.lastText()).toContain('What brings you here?');
    } finally {
      await kit.close();
    }
  });

  it('refuses to start on a key that is not one of Kompis texts, a lost variable, or a language without texts', () => {
    expect(() => loadProgramme(programmeFolder({ nb: { welcome: { rolle: { prompt: 'Hei' } } } }))).toThrow(/nb\.json: welcome\.rolle: is not one of Kompis's texts/);
    expect(() => loadProgramme(programmeFolder({ nb: { nudge: { text: 'Hei! Møt hverandre snart.' } } }))).toThrow(
      /nb\.json: nudge\.text: must keep the variables of Kompis's text \(name\)/,
    );
    expect(() => loadProgramme(programmeFolder({ de: { welcome: { role: { prompt: 'Hallo' } } } }))).toThrow(/Kompis has no texts in "de"/);
  });
});
