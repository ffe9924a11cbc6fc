// `prepare`, run by `npm ci` and `npm install`: points git at .husky/ for the pre-commit content check.
// It never fails an install: without husky (a production install) or outside a git clone there is nothing to set up.
let husky;
try {
  ({ default: husky } = await import('husky'));
} catch {
  process.exit(0);
}
try {
  const message = husky();
  if (message) console.log(`git hooks not installed: ${message}`);
} catch (error) {
  console.log(`git hooks not installed: ${error instanceof Error ? error.message : error}`);
}
