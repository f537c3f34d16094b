import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../src/text/i18n';

const translator = createTranslator();
const say = (key: string, country: string, lng: string) => translator.translate({ key, params: { country } }, lng);

describe('country names in the case the sentence needs', () => {
  it('writes "in Norway" and "to Norway" as Finnish, Ukrainian, Russian and Turkish say them', () => {
    expect(say('intake.rightToWork.prompt', 'NO', 'fi')).toContain('Norjassa');
    expect(say('intake.rightToWork.prompt', 'NO', 'uk')).toContain('Норвегії');
    expect(say('intake.rightToWork.prompt', 'NO', 'ru')).toContain('работать в Норвегии?');
    expect(say('intake.migrationReason.prompt', 'SE', 'ru')).toContain('приехали в Швецию?');
    expect(say('intake.rightToWork.prompt', 'NO', 'tr')).toContain("Norveç'te");
    expect(say('intake.migrationReason.prompt', 'DK', 'tr')).toContain("Neden Danimarka'ya geldiniz?");
  });

  it('keeps a country the table does not hold grammatical with its plain name', () => {
    expect(say('intake.yearsInCountry.prompt', 'CH', 'tr')).toContain('İsviçre ülkesinde');
    expect(say('intake.yearsInCountry.prompt', 'CH', 'ru')).toContain('в стране Швейцария');
  });
});
