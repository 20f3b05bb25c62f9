// Rebuilds dist/ when any source file is newer than the last build, so `npm start` works on a fresh clone.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const stamp = 'dist/cli/main.js';
function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const mtime = entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs;
    if (mtime > newest) newest = mtime;
  }
  return newest;
}
if (!existsSync(stamp) || newestMtime('src') > statSync(stamp).mtimeMs) {
  execSync('npm run build --silent', { stdio: 'inherit' });
}
