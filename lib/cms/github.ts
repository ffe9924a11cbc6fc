import 'server-only';

export type GitHubSettings = {
  clientId: string;
  clientSecret: string;
  /** `owner/name` */
  repo: string;
  branch: string;
  /** github.com, or a stand-in for its two OAuth endpoints (tests). */
  oauthUrl: URL;
};

const repoPattern = /^[\w.-]+\/[\w.-]+$/;
const warned = new Set<string>();

/** The GitHub backend's settings, read from the environment on every request; undefined when it is not set up. */
export function getGitHubSettings(): GitHubSettings | undefined {
  const { GITHUB_CLIENT_ID, GITHUB_CLIENT_SECRET, GITHUB_REPO, GITHUB_BRANCH, GITHUB_OAUTH_URL } = process.env;
  if (!GITHUB_CLIENT_ID && !GITHUB_CLIENT_SECRET && !GITHUB_REPO) return undefined;

  const missing = Object.entries({ GITHUB_CLIENT_ID, GITHUB_CLIENT_SECRET, GITHUB_REPO })
    .filter(([, value]) => !value)
    .map(([name]) => name);
  const problems = [
    ...missing.map((name) => `${name} is not set`),
    ...(GITHUB_REPO && !repoPattern.test(GITHUB_REPO) ? [`GITHUB_REPO: expected "owner/name", got "${GITHUB_REPO}"`] : []),
  ];
  if (problems.length) {
    // Half a configuration is a mistake worth one line in the server log (never a secret's value).
    const message = `Editing in the browser is off: ${problems.join('; ')}`;
    if (!warned.has(message)) console.warn(message);
    warned.add(message);
    return undefined;
  }
  return {
    clientId: GITHUB_CLIENT_ID!,
    clientSecret: GITHUB_CLIENT_SECRET!,
    repo: GITHUB_REPO!,
    branch: GITHUB_BRANCH || 'main',
    oauthUrl: new URL(GITHUB_OAUTH_URL || 'https://github.com'),
  };
}

/** The answer of the editor's route handlers when the GitHub backend is not set up: as if they did not exist. */
export function notConfigured(): Response {
  return new Response('Not Found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}
