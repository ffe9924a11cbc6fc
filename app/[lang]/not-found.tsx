import Link from 'next/link';
import { getSite } from '@/lib/content';
import { getStrings } from '@/lib/i18n';

export default async function NotFound() {
  const strings = getStrings((await getSite()).lang);
  return (
    <div className="message-page">
      <h1>{strings.notFoundTitle}</h1>
      <p>{strings.notFoundText}</p>
      <Link href="/" className="button button-dark">
        {strings.backHome}
      </Link>
    </div>
  );
}
