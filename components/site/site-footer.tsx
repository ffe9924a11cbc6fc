import type { Site } from '@/lib/content';

export function SiteFooter({ title, author, email }: Pick<Site, 'title' | 'author' | 'email'>) {
  return (
    <footer className="site-footer">
      <p>
        © {new Date().getFullYear()} {author ?? title}
        {email && (
          <>
            {' · '}
            <a href={`mailto:${email}`}>{email}</a>
          </>
        )}
      </p>
    </footer>
  );
}
