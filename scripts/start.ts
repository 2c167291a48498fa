/**
 * `npm start`: the console, with the SPA built first only when its sources changed since the
 * last build (see spaBuild.ts), then the server in this same process: no second Node start-up.
 * A dist directory chosen with CONSOLE_DIST_DIR is the operator's own build and is served as is.
 */
import { buildSpa, spaBuildIsStale } from './spaBuild.ts';

if (!process.env.CONSOLE_DIST_DIR && spaBuildIsStale()) {
  process.stderr.write('console: the SPA sources changed since the last build; building dist/ first\n');
  buildSpa();
}
await import('../server/main.ts');
