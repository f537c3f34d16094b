import { reply } from '../conversation/commandContext';
import { gatheringCommand, planGatheringFrom } from '../gatherings/gatheringCommands';
import { t } from '../text/messages';
import type { DeskAction } from './deskView';

const LIST = '/desk/gatherings';

/**
 * The gatherings pages' forms, each the chat's own: a new gathering (`planGatheringFrom`, as
 * `/gathering new …`), and `/gathering G move DAY FROM-TO`, `… place TEXT`, `… came N` and `… cancel`
 * (this one after "Yes, I am sure").
 */
export const GATHERING_ACTIONS: DeskAction[] = [
  {
    path: '/gatherings/new',
    run: (c, { form }) => {
      const field = (name: string) => (form[name] ?? '').trim();
      const places = field('places') === '' ? 'none' : field('places');
      const plan = {
        kind: field('kind'),
        day: field('day'),
        from: field('from'),
        to: field('to'),
        title: field('title'),
        place: field('place'),
        who: field('who'),
        description: field('description'),
      };
      return { result: planGatheringFrom(c, { ...plan, places: form.showCount === 'yes' ? `${places} count` : places }), next: LIST };
    },
  },
  {
    path: '/gatherings/:id/move',
    run: (c, { params, form }) => ({
      result: gatheringCommand(c, [params.id ?? '', 'move', form.day ?? '', `${form.from ?? ''}-${form.to ?? ''}`]),
      next: `${LIST}/${params.id ?? ''}`,
    }),
  },
  {
    path: '/gatherings/:id/place',
    run: (c, { params, form }) => ({ result: gatheringCommand(c, [params.id ?? '', 'place', ...(form.place ?? '').trim().split(/\s+/)]), next: `${LIST}/${params.id ?? ''}` }),
  },
  {
    path: '/gatherings/:id/came',
    run: (c, { params, form }) => ({ result: gatheringCommand(c, [params.id ?? '', 'came', form.person ?? '']), next: `${LIST}/${params.id ?? ''}` }),
  },
  {
    path: '/gatherings/:id/cancel',
    run: (c, { params, form }) => ({
      result: form.confirm === 'yes' ? gatheringCommand(c, [params.id ?? '', 'cancel']) : reply(t('desk.pair.confirmFirst')),
      next: `${LIST}/${params.id ?? ''}`,
    }),
  },
];
