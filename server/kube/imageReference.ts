/**
 * A container image reference, by the grammar of the distribution project's `reference`
 * package (the one the kubelet and container runtimes parse with):
 *
 *   reference  := name [ ":" tag ] [ "@" digest ]
 *   name       := [domain '/'] remote-name
 *   domain     := host [':' port-number]
 *   tag        := /[\w][\w.-]{0,127}/
 *   digest     := algorithm ":" hex (at least 32 hex characters)
 *
 * Kept here rather than taken from npm: no maintained package implements this grammar, and
 * it is a few expressions. Refuses what a form can smuggle in: newlines, NUL, spaces.
 */
import { quoted } from './names.ts';

const ALNUM = '[a-z0-9]+';
const SEPARATOR = '(?:[._]|__|[-]+)';
const PATH_COMPONENT = `${ALNUM}(?:${SEPARATOR}${ALNUM})*`;
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const IPV6 = '\\[(?:[a-fA-F0-9:]+)\\]';
const HOST = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|${IPV6})`;
const DOMAIN = `${HOST}(?::[0-9]+)?`;
const NAME = `(?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const REFERENCE = new RegExp(`^(${NAME})(?::(${TAG}))?(?:@(${DIGEST}))?$`);

/** The distribution package caps the repository name at 255 characters. */
const MAX_NAME = 255;

/** Why `image` is not a valid reference, or undefined. A name only (no tag) is valid: it means `:latest`. */
export function imageReferenceProblem(image: string): string | undefined {
  if (image === '') return 'an image reference is required';
  if (image !== image.trim() || /\s|\0/.test(image)) return 'an image reference may not contain spaces, tabs, newlines or NUL';
  const m = REFERENCE.exec(image);
  if (!m) return `${quoted(image)} is not a valid image reference (e.g. "nginx:1.27", "registry.example.com:5000/team/app@sha256:…")`;
  if (m[1].length > MAX_NAME) return `the repository name must be at most ${MAX_NAME} characters`;
  return undefined;
}
