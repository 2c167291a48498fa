/**
 * HTTPS_PROXY / HTTP_PROXY / NO_PROXY as Go's net/http (and so kubectl) reads them: the scheme of
 * the API server picks the variable, loopback is never proxied, NO_PROXY holds hosts, domain
 * suffixes (with or without a leading dot), IPs, CIDRs, optional ports, or `*`.
 */
import { BlockList, isIP } from 'node:net';

function envValue(env: NodeJS.ProcessEnv, name: string): string | undefined {
  return env[name] || env[name.toLowerCase()] || undefined;
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127\./.test(host);
}

export function matchesNoProxy(host: string, port: string, noProxy: string): boolean {
  for (const raw of noProxy.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean)) {
    if (raw === '*') return true;
    if (raw.includes('/')) {
      const [net, bits] = raw.split('/');
      const family = isIP(net);
      if (family && isIP(host) === family) {
        const list = new BlockList();
        list.addSubnet(net, Number(bits), family === 6 ? 'ipv6' : 'ipv4');
        if (list.check(host, family === 6 ? 'ipv6' : 'ipv4')) return true;
      }
      continue;
    }
    let entryHost = raw;
    let entryPort: string | undefined;
    const m = /^(\[[^\]]+\]|[^:]+):(\d+)$/.exec(raw);
    if (m) {
      entryHost = m[1];
      entryPort = m[2];
    }
    entryHost = entryHost.replace(/^\[|\]$/g, '');
    if (entryPort && entryPort !== port) continue;
    if (entryHost.startsWith('*.')) entryHost = entryHost.slice(1);
    if (host === entryHost.replace(/^\./, '')) return true;
    if (entryHost.startsWith('.') ? host.endsWith(entryHost) : host.endsWith('.' + entryHost)) return true;
  }
  return false;
}

/** The proxy URL to reach `server` through, or undefined for a direct connection. */
export function proxyFromEnv(server: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  let url: URL;
  try {
    url = new URL(server);
  } catch (err) {
    if (!(err instanceof TypeError)) throw err;
    return undefined;
  }
  const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (isLoopback(host)) return undefined;
  const proxy = url.protocol === 'https:' ? envValue(env, 'HTTPS_PROXY') : envValue(env, 'HTTP_PROXY');
  if (!proxy) return undefined;
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  const noProxy = envValue(env, 'NO_PROXY');
  if (noProxy && matchesNoProxy(host, port, noProxy)) return undefined;
  return proxy.includes('://') ? proxy : `http://${proxy}`;
}
