/**
 * Programs that use the pod network: `nslookup` (cluster DNS through the resolv.conf search
 * list, worded as busybox 1.36 does) and `wget` (an HTTP GET answered by the process behind
 * the address, as busybox wget reports it). The network is the host's ClusterNetwork; a host
 * without one resolves nothing.
 */
import type { Command } from './interpreter.ts';
import type { ClusterNetwork } from './io.ts';

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
/** ndots:5 in the pod's resolv.conf: names with fewer dots go through the search list first. */
const NDOTS = 5;

/** The names a resolver tries for `name`, in order. */
function candidates(name: string, net: ClusterNetwork | undefined): string[] {
  if (name.endsWith('.')) return [name.slice(0, -1)];
  const dots = name.split('.').length - 1;
  const searched = (net?.search ?? []).map((d) => `${name}.${d}`);
  return dots >= NDOTS ? [name, ...searched] : [...searched, name];
}

/** Resolve as the C library would: the first candidate with records. */
export function resolveName(name: string, net: ClusterNetwork | undefined): { fqdn: string; addresses: string[] } | undefined {
  if (IPV4.test(name)) return { fqdn: name, addresses: [name] };
  for (const fqdn of candidates(name, net)) {
    const addresses = net?.lookup(fqdn);
    if (addresses?.length) return { fqdn, addresses };
  }
  return undefined;
}

const nslookup: Command = async ({ argv, shell, stdout, stderr }) => {
  const name = argv.slice(1).find((a) => !a.startsWith('-'));
  if (!name) {
    await stderr.write('Usage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n');
    return 1;
  }
  const net = shell.host.network;
  const server = net?.nameserver ?? '127.0.0.1';
  let out = `Server:\t\t${server}\nAddress:\t${server}:53\n\n`;
  if (IPV4.test(name)) {
    await stdout.write(out + `** server can't find ${name.split('.').reverse().join('.')}.in-addr.arpa: NXDOMAIN\n\n`);
    return 1;
  }
  // Busybox asks for A and then AAAA records of every candidate and reports each answer.
  // It does not try the bare name after the search list, as the C library does.
  const names = candidates(name, net).filter((n) => n !== name || name.split('.').length - 1 >= NDOTS);
  const found = names.map((n) => ({ n, a: net?.lookup(n) }));
  const hit = found.find((f) => f.a?.length);
  if (!hit) {
    out += `** server can't find ${names[0]}: NXDOMAIN\n\n`;
    out += names.slice(1).concat(names).map((n) => `*** Can't find ${n}: No answer\n`).join('') + '\n';
    await stdout.write(out);
    return 1;
  }
  out += (hit.a ?? []).map((ip) => `Name:\t${hit.n}\nAddress: ${ip}\n`).join('') + '\n';
  const others = names.filter((n) => n !== hit.n).concat(names);
  out += others.map((n) => `*** Can't find ${n}: No answer\n`).join('') + '\n';
  await stdout.write(out);
  return 0;
};

const wget: Command = async ({ argv, shell, stdout, stderr }) => {
  let quiet = false;
  let output: string | undefined;
  const urls: string[] = [];
  const args = argv.slice(1);
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-O') output = args[++i];
    else if (a.startsWith('-O')) output = a.slice(2);
    else if (a === '-T' || a === '-t' || a === '-U' || a === '--header') i++;
    else if (/^-[qOs]+/.test(a)) {
      if (a.includes('q')) quiet = true;
      const o = a.indexOf('O');
      if (o > 0) output = a.slice(o + 1) || args[++i];
    } else if (a.startsWith('-')) continue;
    else urls.push(a);
  }
  if (urls.length === 0) {
    await stderr.write('BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[-P DIR] [-U AGENT] [-T SEC] URL...\n');
    return 1;
  }
  let status = 0;
  for (const raw of urls) {
    const m = /^(?:(https?):\/\/)?([^/:]+)(?::(\d+))?(\/.*)?$/.exec(raw);
    if (!m) {
      await stderr.write(`wget: bad address '${raw}'\n`);
      status = 1;
      continue;
    }
    const [, scheme = 'http', host, portText, path = '/'] = m;
    const port = portText ? Number(portText) : scheme === 'https' ? 443 : 80;
    const resolved = resolveName(host, shell.host.network);
    if (!resolved) {
      await stderr.write(`wget: bad address '${host}${portText ? `:${portText}` : ''}'\n`);
      status = 1;
      continue;
    }
    const ip = resolved.addresses[0];
    if (!quiet) await stderr.write(`Connecting to ${host}${portText ? `:${portText}` : ''} (${ip}:${port})\n`);
    const answer = shell.host.network?.connect(ip, port);
    if (!answer) {
      await stderr.write(`wget: can't connect to remote host (${ip}): Connection refused\n`);
      status = 1;
      continue;
    }
    if (answer.kind !== 'http' || scheme === 'https') {
      // A TCP server that does not speak HTTP (or TLS we do not simulate) closes on the request.
      await stderr.write('wget: error getting response: Connection reset by peer\n');
      status = 1;
      continue;
    }
    const name = output ?? (path.replace(/\?.*$/, '').split('/').pop() || 'index.html');
    if (name === '-') {
      if (!quiet) await stderr.write('writing to stdout\n');
      await stdout.write(answer.body);
      if (!quiet) await stderr.write('written to stdout\n');
      continue;
    }
    const target = shell.resolvePath(name);
    if (!output && shell.host.vfs.exists(target)) {
      await stderr.write(`wget: can't open '${name}': File exists\n`);
      status = 1;
      continue;
    }
    shell.host.vfs.writeFile(target, answer.body);
    if (!quiet) await stderr.write(`saving to '${name}'\n'${name}' saved\n`);
  }
  return status;
};

const NC_USAGE = 'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: nc [OPTIONS] HOST PORT  - connect\nnc [OPTIONS] -l -p PORT [HOST] [PORT]  - listen\n';

/** The reply of an HTTP server to a request read from nc's stdin (only the request line matters). */
function httpReply(request: string, body: string): string {
  const head = /^HEAD /.test(request);
  return `HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${head ? '' : body}`;
}

/**
 * Busybox nc (nc_bloaty, netcat 1.10's options): HOST PORT connects; `-z` closes at once, `-v`
 * says `HOST (IP:PORT) open` on stderr; a refusal is silent below `-vv` and exits 1. A listener
 * (`-l -p PORT`) waits for a peer that never comes in the demo cluster, until it is interrupted.
 */
const nc: Command = async ({ argv, shell, stdin, stdout, stderr, signal }) => {
  let verbose = 0;
  let zero = false;
  let listen = false;
  let localPort: string | undefined;
  const operands: string[] = [];
  const args = argv.slice(1);
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!a.startsWith('-') || a === '-') {
      operands.push(a);
      continue;
    }
    for (let j = 1; j < a.length; j++) {
      const c = a[j];
      if (c === 'v') verbose++;
      else if (c === 'z') zero = true;
      else if (c === 'l' || c === 'k') listen = true;
      else if (c === 'n' || c === 'u') continue;
      else if ('wpsio'.includes(c)) {
        const value = a.slice(j + 1) || args[++i];
        if (c === 'p') localPort = value;
        break;
      } else {
        await stderr.write(`nc: invalid option -- '${c}'\n${NC_USAGE}`);
        return 1;
      }
    }
  }
  if (listen) {
    if (verbose) await stderr.write(`listening on [::]:${localPort ?? 0} ...\n`);
    await shell.host.sleep(1e12, signal);
    return 130;
  }
  const [host, portText] = operands;
  const port = Number(portText);
  if (!host || !portText || operands.length > 2) {
    await stderr.write(NC_USAGE);
    return 1;
  }
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    await stderr.write(`nc: bad port '${portText}'\n`);
    return 1;
  }
  const resolved = resolveName(host, shell.host.network);
  if (!resolved) {
    await stderr.write(`nc: bad address '${host}'\n`);
    return 1;
  }
  const dotted = `${resolved.addresses[0]}:${port}`;
  const answer = shell.host.network?.connect(resolved.addresses[0], port);
  if (!answer) {
    if (verbose > 1) await stderr.write(`nc: ${host} (${dotted}): Connection refused\n`);
    return 1;
  }
  if (verbose) await stderr.write(`${host} (${dotted}) open\n`);
  if (zero) return 0;
  const sent = await stdin.readAll(signal);
  if (answer.kind === 'http' && /^[A-Z]+ \S+ HTTP\/1\.[01]\r?\n/.test(sent)) await stdout.write(httpReply(sent, answer.body));
  else if (answer.kind === 'http' && sent !== '') await stdout.write('HTTP/1.1 400 Bad Request\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n');
  return signal.aborted ? 130 : 0;
};

export const NET_COMMANDS: Record<string, Command> = { nslookup, wget, nc };
