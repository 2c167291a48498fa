/**
 * Fills the site-specific lines of deploy/nginx/nginx.conf (those ending in `# template:NAME`).
 * Used by the nginx test to run the shipped file on local ports; usable by hand:
 *   node --import tsx deploy/nginx/renderConfig.ts listen='listen 9000;' > /tmp/nginx.conf
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const TEMPLATE_NAMES = ['pid', 'error_log', 'access_log', 'listen', 'replicas'] as const;
export type TemplateName = (typeof TEMPLATE_NAMES)[number];

export const SHIPPED_CONFIG = fileURLToPath(new URL('./nginx.conf', import.meta.url));

const TAG = /^(\s*).*#\s*template:([a-z_]+)\s*$/;

export function renderNginxConfig(template: string, values: Partial<Record<TemplateName, string>>): string {
  const seen = new Set<string>();
  const out = template.split('\n').map((line) => {
    const m = TAG.exec(line);
    if (!m) return line;
    const name = m[2] as TemplateName;
    if (!TEMPLATE_NAMES.includes(name)) throw new Error(`nginx.conf has an unknown template name "${name}"`);
    seen.add(name);
    const value = values[name];
    if (value === undefined) return line;
    return value
      .split('\n')
      .map((v) => m[1] + v)
      .join('\n');
  });
  for (const name of Object.keys(values)) if (!seen.has(name)) throw new Error(`nginx.conf has no line tagged template:${name}`);
  return out.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const values = Object.fromEntries(process.argv.slice(2).map((a) => [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]));
  process.stdout.write(renderNginxConfig(readFileSync(SHIPPED_CONFIG, 'utf8'), values));
}
