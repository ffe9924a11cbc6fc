import { photoProgress } from './index';

const duration = (seconds: number) =>
  seconds < 60 ? `${Math.max(1, Math.round(seconds))} s` : `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;

/**
 * Shows how far the photo step of a build is, once it has run for a couple of seconds: a bar redrawn in a terminal,
 * a line every 5 s elsewhere (CI logs). "Photos: 120 of 1000 new photos, about 6 min 20 s left". Returns the stop.
 */
export function reportPhotoProgress(out: NodeJS.WriteStream = process.stdout): () => void {
  const started = Date.now();
  const terminal = out.isTTY === true;
  let lastLine = 0;
  let drawn = false;
  const timer = setInterval(
    () => {
      const { queued, done } = photoProgress();
      const elapsed = (Date.now() - started) / 1000;
      if (queued === 0 || elapsed < 2 || (done === queued && !drawn)) return;
      const left = done > 0 ? `, about ${duration((elapsed / done) * (queued - done))} left` : '';
      const line = `Photos: ${done} of ${queued} new photos${done < queued ? left : ''}`;
      if (terminal) {
        const filled = Math.round((20 * done) / queued);
        out.write(`\r[${'#'.repeat(filled)}${'-'.repeat(20 - filled)}] ${line}\u001b[K`);
        drawn = true;
      } else if (Date.now() - lastLine >= 5000) {
        out.write(`${line}\n`);
        lastLine = Date.now();
      }
    },
    terminal ? 250 : 1000,
  );
  timer.unref();
  return () => {
    clearInterval(timer);
    if (drawn) out.write('\n');
  };
}
