// Copies the dashboard's browser libraries into ../wwwroot/vendor (committed, so the gateway runs
// without npm). Source-map comments are dropped: the maps are not shipped, and a browser asking
// for a missing map logs an error.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';

const out = '../wwwroot/vendor';
mkdirSync(out, { recursive: true });
const files = [
  ['node_modules/uplot/dist/uPlot.iife.min.js', 'uPlot.iife.min.js'],
  ['node_modules/uplot/dist/uPlot.min.css', 'uPlot.min.css'],
  ['node_modules/oidc-client-ts/dist/browser/oidc-client-ts.min.js', 'oidc-client-ts.min.js'],
];
for (const [from, to] of files) {
  if (to.endsWith('.js')) writeFileSync(`${out}/${to}`, readFileSync(from, 'utf8').replace(/\n?\/\/# sourceMappingURL=.*\s*$/, '\n'));
  else copyFileSync(from, `${out}/${to}`);
}
