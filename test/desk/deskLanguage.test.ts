import { describe, expect, it } from 'vitest';
import { signInToDesk } from '../helpers/deskClient';
import { coordinator } from '../helpers/pairScript';
import { programmeWith, TestKit } from '../helpers/testKit';

describe('the desk in the coordinator’s language', () => {
  it('shows the pages in Arabic, right to left, to a coordinator who chose Arabic, and the link in Arabic too', async () => {
    const kit = new TestKit(programmeWith({ languages: ['en', 'ar', 'fa'] }));
    kit.http = true;
    await kit.open();
    try {
      const coco = await coordinator(kit);
      await coco.say('/language');
      await coco.press('العربية');
      const [answer] = await coco.say('/desk');
      expect(answer?.text).toContain('رابطك إلى لوحة العمل');
      const desk = await signInToDesk(kit, coco);
      const today = await desk.get('/desk');
      expect(today.html).toMatch(/^<!doctype html><html lang="ar" dir="rtl">/);
      expect(today.html).toContain('<h1>اليوم</h1>');
      expect(today.html).toContain('aria-current="page">اليوم</a>');
      for (const [path, title] of [
        ['/desk/alerts', 'التنبيهات والرسائل'],
        ['/desk/report?audience=funder', 'التقرير'],
      ] as const) {
        const page = await desk.get(path);
        expect(page.html).toMatch(/^<!doctype html><html lang="ar" dir="rtl">/);
        expect(page.html).toContain(`<h1>${title}</h1>`);
      }
      expect((await desk.get('/desk/report?audience=funder')).html).toContain('نزّل نسخة الجهات المموّلة');
    } finally {
      await kit.close();
    }
  });
});
