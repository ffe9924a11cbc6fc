// `npm run content:check [-- --format=plain|github]`: the build's content validation, without building. Exit 1 on
// any error. `github` prints workflow commands, which GitHub shows on the lines of a pull request; it is the default
// inside GitHub Actions.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadContent } from '../lib/content/load';
import { ContentError, displayPath, formatGithubProblem, formatProblem } from '../lib/content/problems';

const formats = { plain: formatProblem, github: formatGithubProblem };

function chosenFormat() {
  try {
    const { values } = parseArgs({ options: { format: { type: 'string' } } });
    const name = values.format ?? (process.env.GITHUB_ACTIONS === 'true' ? 'github' : 'plain');
    if (name in formats) return formats[name as keyof typeof formats];
    console.error(`--format: expected plain or github, got "${name}"`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
  }
  process.exit(1);
}

const format = chosenFormat();
const contentDir = path.resolve(process.env.CONTENT_DIR ?? 'content');

try {
  const { site, projects, translations, warnings } = await loadContent({
    contentDir,
    publicDir: path.resolve('public'),
    photoCacheDir: path.resolve('.next/cache/photos'),
    includeDrafts: true,
  });
  warnings.forEach((warning) => console.warn(format(warning)));
  const drafts = projects.filter((project) => project.draft).length;
  const translated = Object.entries(translations).map(([lang, list]) => `${list.length} in ${lang}`);
  console.log(
    `${displayPath(contentDir)}: ok, ${projects.length} projects (${drafts} drafts) in ${site.categories.length} categories` +
      (translated.length ? `, translations: ${translated.join(', ')}` : '') +
      (warnings.length ? `, ${warnings.length} warnings` : ''),
  );
} catch (error) {
  if (!(error instanceof ContentError)) throw error;
  error.problems.forEach((problem) => console.error(format(problem)));
  const errors = error.problems.filter((problem) => problem.severity === 'error').length;
  console.error(`${displayPath(contentDir)}: ${errors} ${errors === 1 ? 'error' : 'errors'}, nothing built`);
  process.exitCode = 1;
}
