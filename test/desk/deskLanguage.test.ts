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
      expect((await desk.get('/desk/report?audience=funder')).html).toContain('تنزيل نسخة الجهات المموّلة');

      // The import's row problems are in Arabic too.
      const csrf = /name="csrf" value="([^"]+)"/.exec((await desk.get('/desk/import')).html)?.[1] ?? '';
      const body = new FormData();
      body.set('csrf', csrf);
      body.set('kind', 'mentors');
      body.set('file', new Blob(['name,profession,gender\n,Engineer,woman\nMaria,Nurse,robot\n'], { type: 'text/csv' }), 'mentors.csv');
      const res = await fetch(`${kit.url()}/desk/import/preview`, { method: 'POST', headers: { cookie: desk.cookie }, body });
      const preview = await res.text();
      expect(preview).toContain('لا يوجد اسم');
      expect(preview).toContain('جنس غير معروف «robot»');
      expect(preview).not.toContain('no name');
      expect(preview).not.toContain('unknown gender');
    } finally {
      await kit.close();
    }
  });

  it('writes the counts on Today in Urdu digits and names the groups of the broadcast and gathering forms in Urdu', async () => {
    const kit = new TestKit(programmeWith({ languages: ['en', 'ur'] }));
    kit.http = true;
    await kit.open();
    try {
      const coco = await coordinator(kit);
      await coco.say('/language');
      await coco.press('اردو');
      const desk = await signInToDesk(kit, coco);
      const today = await desk.get('/desk');
      expect(today.html).toMatch(/^<!doctype html><html lang="ur" dir="rtl">/);
      // Section counts and the key figures: Urdu's zero, never a Latin one beside the Urdu dates.
      expect(today.html).toContain('(۰)');
      expect(today.html).toContain('<td class="figure">۰</td>');
      expect(today.html).not.toMatch(/\(0\)|"figure">0</);
      for (const path of ['/desk/broadcasts', '/desk/gatherings']) {
        const page = await desk.get(path);
        expect(page.html).toContain('<option value="waiting">انتظار کرنے والے درخواست گزار</option>');
        expect(page.html).not.toContain('>mentors free<');
      }
    } finally {
      await kit.close();
    }
  });
});
