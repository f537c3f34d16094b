import type { CommandContext, CommandResult } from '../conversation/commandContext';
import type { Text } from '../text/messages';
import { t } from '../text/messages';
import { audit } from '../privacy/audit';
import { inLanguage } from '../../flows/survey/surveySchema';
import { buildReport } from './buildReport';
import type { Label } from './figures';
import { display } from './reportText';

/** The sections `/report` shows in the chat; `npm run report` writes them all. */
const KEY_SECTIONS = ['applications', 'pairs', 'activity', 'gatherings', 'outcomes.end', 'recommendation'];

/**
 * `/report`: the key figures in the chat. Counts of what coordinators see one by one anyway are shown
 * as they are; figures from answers keep the small-group rule ("<5").
 */
export function showReport(c: CommandContext): CommandResult {
  const report = buildReport(c.tx, c.ctx.programme, {}, c.ctx.now, 'programme');
  audit(c.tx, { programmeId: c.ctx.programme.id, actorId: c.actorId, action: 'report', at: c.ctx.now });
  const lines: Text[] = [t('report.chatTitle')];
  const asText = (label: Label): Text => ('local' in label ? t('report.surveyWords', { text: inLanguage(label.local, c.ctx.language) }) : label);
  for (const section of report.sections.filter((s) => KEY_SECTIONS.includes(s.id))) {
    lines.push(t('report.chatSection', { title: asText(section.title) }));
    for (const figure of section.figures) {
      lines.push(t('report.chatLine', { label: asText(figure.label), value: display(figure, c.ctx.language, report.minimumCell) }));
    }
  }
  lines.push(t('report.chatMore'));
  return { messages: [{ lines }], notices: [] };
}
