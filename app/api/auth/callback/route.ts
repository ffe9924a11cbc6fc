import type { NextRequest } from 'next/server';
import { getGitHubSettings, notConfigured } from '@/lib/cms/github';
import { finishSignIn } from '@/lib/cms/oauth';

export const dynamic = 'force-dynamic';

export async function GET(request: NextRequest) {
  const github = getGitHubSettings();
  return github ? finishSignIn(request, github) : notConfigured();
}
