// Builds the requestor's web console into the WAR's classes (served from the classpath folder /console/ by
// ConsoleResource). Usage: node build.mjs <output dir>, run by requestor-war's pom (exec-maven-plugin).
//
// Installs the pinned npm packages (package-lock.json) only when node_modules is missing or older than the lock, so
// repeated builds are offline and fast; then copies the app (src/: plain ES modules, CSS, index.html) and xterm.js's
// prebuilt ES module builds and CSS (vendor/). No bundler, nothing fetched at run time, no CDN.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = resolve(process.argv[2] ?? join(here, '../../../target/classes/console'));

function installIfNeeded() {
  const stamp = join(here, 'node_modules/.package-lock.json');
  const lock = join(here, 'package-lock.json');
  if (existsSync(stamp) && statSync(stamp).mtimeMs > statSync(lock).mtimeMs) {
    return;
  }
  execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: here, stdio: ['ignore', 'ignore', 'inherit'] });
  const now = new Date();
  utimesSync(stamp, now, now);
}

// the vendor files, as the browser loads them: ES modules as .js (served as JavaScript), the source map comment
// dropped (the maps are not shipped)
const vendor = [
  ['@xterm/xterm/lib/xterm.mjs', 'xterm.js'],
  ['@xterm/addon-fit/lib/addon-fit.mjs', 'addon-fit.js'],
  ['@xterm/xterm/css/xterm.css', 'xterm.css'],
  ['@xterm/xterm/LICENSE', 'xterm-LICENSE.txt'],
];

installIfNeeded();
rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, 'vendor'), { recursive: true });
cpSync(join(here, 'src'), out, { recursive: true });
for (const [from, to] of vendor) {
  const text = readFileSync(join(here, 'node_modules', from), 'utf8').replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n');
  writeFileSync(join(out, 'vendor', to), text);
}
