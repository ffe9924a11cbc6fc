import Link from 'next/link';
import type { Strings } from '@/lib/i18n';
import { ThemeToggle } from './theme-toggle';

type Props = {
  title: string;
  /** The home page in the page's language. */
  home: string;
  categories: { label: string; href: string }[];
  /** The links to this page in the site's other languages (LanguageSwitch), rendered per page. */
  languages: React.ReactNode;
  strings: Pick<Strings, 'mainNavigation' | 'languages' | 'theme' | 'themeLight' | 'themeDark' | 'themeSystem'>;
};

export function SiteHeader({ title, home, categories, languages, strings }: Props) {
  return (
    <header className="site-header">
      <Link href={home} className="site-title">
        {title}
      </Link>
      <nav aria-label={strings.mainNavigation}>
        <ul className="site-nav">
          {categories.map((category) => (
            <li key={category.href}>
              <Link href={category.href}>{category.label}</Link>
            </li>
          ))}
        </ul>
      </nav>
      {languages}
      <ThemeToggle
        label={strings.theme}
        names={{ light: strings.themeLight, dark: strings.themeDark, system: strings.themeSystem }}
      />
    </header>
  );
}
