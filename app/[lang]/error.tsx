'use client';

import { useEffect, useSyncExternalStore } from 'react';
import { getErrorStrings } from '@/lib/i18n-errors';

const subscribe = () => () => {};

export default function Error({ error, retry }: { error: unknown; retry: () => void }) {
  // The site's language is on <html lang>, which the root layout rendered.
  const lang = useSyncExternalStore(subscribe, () => document.documentElement.lang, () => 'en');
  const strings = getErrorStrings(lang);

  useEffect(() => {
    console.error(error);
  }, [error]);

  return (
    <div className="message-page" role="alert">
      <h1>{strings.errorTitle}</h1>
      <p>{strings.errorText}</p>
      <button type="button" className="button button-dark" onClick={() => retry()}>
        {strings.retry}
      </button>
    </div>
  );
}
