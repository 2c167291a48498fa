import { test } from 'node:test';
import assert from 'node:assert/strict';
import { imageReferenceProblem } from './imageReference.ts';

test('references people use are valid', () => {
  for (const ref of [
    'nginx',
    'nginx:1.27',
    'library/nginx:1.27-alpine',
    'docker.io/library/nginx:latest',
    'registry.example.com:5000/team/app:v1.2.3',
    'localhost:5000/app',
    '[::1]:5000/app:dev',
    'ghcr.io/org/app@sha256:' + 'a'.repeat(64),
    'gcr.io/proj/app:1.0@sha256:' + 'b'.repeat(64),
    'demo.registry/shop/api:9.9.9-does-not-exist',
  ]) {
    assert.equal(imageReferenceProblem(ref), undefined, ref);
  }
});

test('what a form field can smuggle is refused', () => {
  for (const ref of ['nginx\n', 'nginx:1\nX: y', 'ngi\u0000nx', ' nginx', 'nginx ', 'ng inx', 'nginx\t']) {
    assert.match(imageReferenceProblem(ref) ?? '', /may not contain spaces/, JSON.stringify(ref));
  }
});

test('grammar errors are refused', () => {
  for (const ref of ['', 'NGINX', 'nginx:', ':tag', 'nginx@sha256:abc', 'a//b', '-nginx', 'nginx:' + 't'.repeat(129), 'a'.repeat(256)]) {
    assert.ok(imageReferenceProblem(ref), JSON.stringify(ref));
  }
});
