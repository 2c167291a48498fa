import { createRequire } from 'node:module';

type YamlModule = typeof import('yaml');

const require = createRequire(import.meta.url);
let yaml: YamlModule | undefined;

/**
 * The yaml package, loaded on first use: importing it costs a noticeable part of the demo
 * cluster's start-up, and only YAML request bodies, policy files and written kubeconfigs need it.
 */
function load(): YamlModule {
  yaml ??= require('yaml') as YamlModule;
  return yaml;
}

export function parseYaml(text: string): unknown {
  return load().parse(text);
}

export function stringifyYaml(value: unknown): string {
  return load().stringify(value);
}
