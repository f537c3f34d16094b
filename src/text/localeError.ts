/** A language file Kompis needs is missing or broken: the installation is incomplete. One line for the operator. */
export class LocaleError extends Error {
  readonly code = 'LOCALE_MISSING';
}
