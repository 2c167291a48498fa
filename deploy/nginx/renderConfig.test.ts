import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { renderNginxConfig, SHIPPED_CONFIG } from './renderConfig.ts';

const shipped = readFileSync(SHIPPED_CONFIG, 'utf8');

test('the shipped config passes websockets: Upgrade/Connection map, HTTP/1.1, long read timeout, ip_hash', () => {
  assert.match(shipped, /map \$http_upgrade \$connection_upgrade \{\s*default upgrade;\s*'' +close;\s*\}/);
  assert.match(shipped, /proxy_http_version 1\.1;/);
  assert.match(shipped, /proxy_set_header Upgrade \$http_upgrade;/);
  assert.match(shipped, /proxy_set_header Connection \$connection_upgrade;/);
  assert.match(shipped, /proxy_buffering off;/);
  assert.match(shipped, /proxy_read_timeout 3600s;/);
  assert.match(shipped, /ip_hash;/);
  for (const line of shipped.split('\n').filter((l) => /^\s*add_header/.test(l))) assert.match(line, /always;$/, line);
});

test('rendering replaces only tagged lines, keeping indentation', () => {
  const out = renderNginxConfig(shipped, { listen: 'listen 127.0.0.1:9999;', replicas: 'server 127.0.0.1:1;\nserver 127.0.0.1:2;' });
  assert.match(out, /\n {8}listen 127\.0\.0\.1:9999;\n/);
  assert.match(out, /\n {8}server 127\.0\.0\.1:1;\n {8}server 127\.0\.0\.1:2;\n/);
  assert.equal(out.split('\n').length, shipped.split('\n').length + 1);
});

test('an unknown template name is an error, not a silent no-op', () => {
  assert.throws(() => renderNginxConfig(shipped, { nope: 'x' } as never), /template:nope/);
});
