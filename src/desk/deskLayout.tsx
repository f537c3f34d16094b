import type { Child } from 'hono/jsx';
import { isRightToLeft } from '../text/languages';
import { t, type Text } from '../text/messages';
import { NAV, type NavItem } from './deskView';

/**
 * Every desk page's frame: the coordinator's language and direction, a skip link, the navigation
 * with the current page marked, and what the last action answered. No script: links and forms only.
 */
export function DeskLayout(props: { language: string; title: string; tr: (text: Text) => string; nav?: NavItem; csrf?: string; flash?: string | null; children: Child }) {
  const { tr } = props;
  return (
    <html lang={props.language} dir={isRightToLeft(props.language) ? 'rtl' : 'ltr'}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} – Kompis`}</title>
        <link rel="stylesheet" href="/desk/desk.css" />
      </head>
      <body>
        <a class="skip" href="#main">
          {tr(t('desk.skip'))}
        </a>
        {props.nav && props.csrf ? (
          <header>
            <nav aria-label={tr(t('desk.nav.label'))}>
              <ul>
                {NAV.map((item) => (
                  <li>
                    <a href={item === 'today' ? '/desk' : `/desk/${item}`} aria-current={item === props.nav ? 'page' : undefined}>
                      {tr(t(`desk.nav.${item}`))}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
            <form method="post" action="/desk/signout">
              <input type="hidden" name="csrf" value={props.csrf} />
              <button type="submit">{tr(t('desk.signOut'))}</button>
            </form>
          </header>
        ) : null}
        <main id="main">
          <h1>{props.title}</h1>
          {props.flash ? (
            <p class="flash" role="status">
              {props.flash}
            </p>
          ) : null}
          {props.children}
        </main>
      </body>
    </html>
  );
}
