import type { ChannelAdapter, ChannelContact, ChannelIdentity, ChannelName } from '../src/channels/channel';
import type { Logger } from '../src/runtime/logger';
import type { Config } from '../src/settings/config';
import { consoleIdentity } from './console/consoleIdentity';
import { slackContact, slackIdentity } from './slack/slackIdentity';
import { telegramContact, telegramIdentity } from './telegram/telegramIdentity';
import { whatsappCloudContact, whatsappCloudIdentity } from './whatsapp-cloud/whatsappCloudIdentity';
import { whatsappContact, whatsappIdentity } from './whatsapp/whatsappIdentity';

/** What a chat adapter is made with. */
export interface ChannelDeps {
  config: Config;
  logger: Logger;
  /** What the bot says once when it is added to a group, in the language closest to `locale`. */
  groupNotice: (locale: string | undefined, bot: string) => string;
  /** The programme's name and languages, for channels that send approved templates. */
  programme: { name: string; languages: string[] };
  /** The words on a button that opens a list of choices, in a language. */
  listButton: (language: string) => string;
}

/** Everything the rest of Kompis needs of one channel. */
export interface ChannelEntry {
  /**
   * A person's id as the operator writes it after `CHANNEL:` (`telegram:123456789`), as the channel
   * stores it, with the address to write to them. Throws, in words for the operator, when it cannot be one.
   */
  identity(id: string): ChannelIdentity;
  /**
   * How a partner could reach the person outside Kompis, from their id on the channel and their
   * public name there (if the channel has one); undefined when the channel has nothing to share.
   */
  contact(person: { externalUserId: string; handle: string | null }): ChannelContact | undefined;
  /**
   * The channel's adapter when its settings are set; undefined when they are not (the console is the
   * terminal's, made apart). Its library is loaded only then, so an unused channel costs no start time.
   */
  create(deps: ChannelDeps): Promise<ChannelAdapter | undefined>;
}

/**
 * The channels, keyed by `ChannelName`: a name added to `ChannelName` does not compile until it has
 * an entry here, with its adapter and its id format.
 */
export const CHANNELS: { readonly [N in ChannelName]: ChannelEntry } = {
  console: { identity: consoleIdentity, contact: () => undefined, create: async () => undefined },
  telegram: {
    identity: telegramIdentity,
    contact: telegramContact,
    create: async ({ config, logger, groupNotice }) => {
      if (!config.telegram) return undefined;
      const { TelegramAdapter } = await import('./telegram/telegramAdapter');
      return new TelegramAdapter({ ...config.telegram, logger, groupNotice });
    },
  },
  slack: {
    identity: slackIdentity,
    contact: slackContact,
    create: async ({ config, logger }) => {
      if (!config.slack) return undefined;
      const { SlackAdapter } = await import('./slack/slackAdapter');
      return new SlackAdapter({ ...config.slack, logger });
    },
  },
  whatsapp: {
    identity: whatsappIdentity,
    contact: whatsappContact,
    create: async ({ config, logger }) => {
      if (!config.whatsapp) return undefined;
      const { sessionDir, chromiumPath, qrPngPath } = config.whatsapp;
      const [{ WhatsAppAdapter }, { whatsAppWebClient }] = await Promise.all([import('./whatsapp/whatsappAdapter'), import('./whatsapp/whatsappClient')]);
      return new WhatsAppAdapter({ createClient: whatsAppWebClient(sessionDir, chromiumPath), qrPngPath, logger });
    },
  },
  'whatsapp-cloud': {
    identity: whatsappCloudIdentity,
    contact: whatsappCloudContact,
    create: async ({ config, logger, programme, listButton }) => {
      if (!config.whatsappCloud) return undefined;
      const { messagesPerSecond, ...settings } = config.whatsappCloud;
      const [{ loadReplyTemplates }, { WHATSAPP_CLOUD_RATE_LIMIT, WhatsAppCloudAdapter }] = await Promise.all([
        import('./whatsapp-cloud/replyTemplates'),
        import('./whatsapp-cloud/whatsappCloudAdapter'),
      ]);
      return new WhatsAppCloudAdapter({
        ...settings,
        programme,
        templates: loadReplyTemplates(),
        listButton,
        logger,
        rateLimit: { ...WHATSAPP_CLOUD_RATE_LIMIT, perSecond: messagesPerSecond },
      });
    },
  },
};

/** Whether a name the operator wrote is one of the channels. */
export function isChannelName(name: string): name is ChannelName {
  return Object.hasOwn(CHANNELS, name);
}
