import type { NextRequest } from 'next/server';
import { getGitHubSettings, notConfigured } from '@/lib/cms/github';
import { startSignIn } from '@/lib/cms/oauth';

export const dynamic = 'force-dynamic';

export function GET(request: NextRequest) {
  const github = getGitHubSettings();
  return github ? startSignIn(request, github) : notConfigured();
}
