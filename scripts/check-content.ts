// `npm run content:check`: the build's content validation, without building. Exit 1 on any error.
import path from 'node:path';
import { loadContent } from '../lib/content/load';
import { ContentError, displayPath, formatProblem } from '../lib/content/problems';

const contentDir = path.resolve(process.env.CONTENT_DIR ?? 'content');

try {
  const { site, projects, warnings } = await loadContent({
    contentDir,
    publicDir: path.resolve('public'),
    photoCacheDir: path.resolve('.next/cache/photos'),
    includeDrafts: true,
  });
  warnings.forEach((warning) => console.warn(formatProblem(warning)));
  const drafts = projects.filter((project) => project.draft).length;
  console.log(
    `${displayPath(contentDir)}: ok, ${projects.length} projects (${drafts} drafts) in ${site.categories.length} categories` +
      (warnings.length ? `, ${warnings.length} warnings` : ''),
  );
} catch (error) {
  if (!(error instanceof ContentError)) throw error;
  error.problems.forEach((problem) => console.error(formatProblem(problem)));
  const errors = error.problems.filter((problem) => problem.severity === 'error').length;
  console.error(`${displayPath(contentDir)}: ${errors} ${errors === 1 ? 'error' : 'errors'}, nothing built`);
  process.exitCode = 1;
}
