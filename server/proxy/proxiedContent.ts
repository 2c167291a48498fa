/**
 * What a browser may do with a response relayed from an API server. The API server answers JSON,
 * YAML, protobuf and plain-text logs, but its pod, service and node proxies (and aggregated API
 * servers) relay whatever a workload serves: a page there would run on the console's origin.
 */
import type { OutgoingHttpHeaders } from 'node:http';
import { PROXIED_CONTENT_POLICY } from '../http/headers.ts';

/**
 * True for types a browser renders as an active document: HTML, XHTML, SVG, any XML (XSLT and
 * the XHTML namespace run script), multipart/x-mixed-replace (streams HTML parts), and a missing
 * or unparseable type, which browsers sniff on navigation even with nosniff.
 */
export function rendersActiveContent(contentType: string | undefined): boolean {
  const essence = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (!/^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/.test(essence)) return true;
  return /html|xml|svg|xsl/.test(essence) || essence === 'multipart/x-mixed-replace';
}

/** Set on every relayed HTTP response under /k8s, replacing the console's own CSP. */
export function proxiedContentHeaders(contentType: string | undefined): OutgoingHttpHeaders {
  const headers: OutgoingHttpHeaders = { 'content-security-policy': PROXIED_CONTENT_POLICY };
  if (rendersActiveContent(contentType)) headers['content-disposition'] = 'attachment';
  return headers;
}
