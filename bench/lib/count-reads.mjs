// Preloaded into `next build` (NODE_OPTIONS=--import) to log, per process, every read of a content file.
import fs from 'node:fs';
import path from 'node:path';

const log = process.env.BENCH_READS_LOG;
const root = process.env.CONTENT_DIR && path.resolve(process.env.CONTENT_DIR);

function record(file) {
  const name = typeof file === 'string' ? path.resolve(file) : '';
  if (name.startsWith(root + path.sep)) fs.appendFileSync(log, `${process.pid}\t${path.relative(root, name)}\n`);
}

function wrap(target, key) {
  const original = target[key];
  target[key] = function (file, ...rest) {
    record(file);
    return original.call(this, file, ...rest);
  };
}

if (log && root) {
  // `node:fs/promises` is the same object as `fs.promises`, so bundled server code sees these too.
  wrap(fs.promises, 'readFile');
  wrap(fs, 'readFile');
  wrap(fs, 'readFileSync');
}
