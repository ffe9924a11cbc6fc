/**
 * The strings of the error page, apart from the rest of lib/i18n.ts: app/error.tsx is a client component in every
 * page's first-load JavaScript, so whatever module it imports ships to every visitor.
 */
export const errorStrings = {
  en: {
    errorTitle: 'Something went wrong',
    errorText: 'An unexpected error occurred. Please try again shortly.',
    retry: 'Try again',
  },
  it: {
    errorTitle: 'Qualcosa è andato storto',
    errorText: 'Si è verificato un errore imprevisto. Riprova tra poco.',
    retry: 'Riprova',
  },
};

export type ErrorStrings = (typeof errorStrings)['en'];

/** The error page's strings in the site's language (`<html lang>`); English when a language is missing. */
export function getErrorStrings(lang: string): ErrorStrings {
  return errorStrings[(lang.split('-')[0] ?? lang) as keyof typeof errorStrings] ?? errorStrings.en;
}
