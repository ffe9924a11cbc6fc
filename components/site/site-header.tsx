import Link from 'next/link';
import type { Category } from '@/lib/content';
import type { Strings } from '@/lib/i18n';
import { ThemeToggle } from './theme-toggle';

type Props = {
  title: string;
  categories: Pick<Category, 'slug' | 'label'>[];
  strings: Pick<Strings, 'mainNavigation' | 'theme' | 'themeLight' | 'themeDark' | 'themeSystem'>;
};

export function SiteHeader({ title, categories, strings }: Props) {
  return (
    <header className="site-header">
      <Link href="/" className="site-title">
        {title}
      </Link>
      <nav aria-label={strings.mainNavigation}>
        <ul className="site-nav">
          {categories.map((category) => (
            <li key={category.slug}>
              <Link href={`/${category.slug}`}>{category.label}</Link>
            </li>
          ))}
        </ul>
      </nav>
      <ThemeToggle
        label={strings.theme}
        names={{ light: strings.themeLight, dark: strings.themeDark, system: strings.themeSystem }}
      />
    </header>
  );
}
