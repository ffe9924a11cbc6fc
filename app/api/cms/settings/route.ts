import { getGitHubSettings, notConfigured } from '@/lib/cms/github';
import { localProxyUrl } from '@/lib/cms/local-proxy';

export const dynamic = 'force-dynamic';

/** The part of Decap's configuration that depends on where the site runs, merged over config.yml by cms-init.js. */
export function GET() {
  const github = getGitHubSettings();
  // decap-server has no authentication: only `next dev` on an editor's machine points Decap at it.
  const local = process.env.NODE_ENV === 'development';
  if (!github && !local) return notConfigured();
  return Response.json(
    {
      ...(local && { local_backend: { url: localProxyUrl } }),
      ...(github && { backend: { repo: github.repo, branch: github.branch } }),
    },
    { headers: { 'Cache-Control': 'no-store' } },
  );
}
