'use client';

import { useSyncExternalStore } from 'react';
import { chooseTheme, currentTheme, subscribeToTheme, themes, type Theme } from './theme';

type Props = { label: string; names: Record<Theme, string> };

// Text presentation (U+FE0E), so that no device draws them as emoji.
const icons: Record<Theme, string> = { light: '\u2600\uFE0E', dark: '\u263E\uFE0E', system: '\u25D0\uFE0E' };

/** Light · dark · system: three buttons, the one in force pressed. */
export function ThemeToggle({ label, names }: Props) {
  // The server cannot know the stored choice: it renders `system`, and hydration corrects it.
  const theme = useSyncExternalStore(subscribeToTheme, currentTheme, () => 'system' as const);
  return (
    <div role="group" aria-label={label} className="theme-toggle">
      {themes.map((option) => (
        <button key={option} type="button" aria-pressed={theme === option} onClick={() => chooseTheme(option)}>
          <span aria-hidden="true">{icons[option]}</span>
          <span className="theme-name">{names[option]}</span>
        </button>
      ))}
    </div>
  );
}
