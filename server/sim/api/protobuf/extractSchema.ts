/**
 * Regenerates schema.json: the field tables of the Kubernetes protobuf messages the demo
 * cluster decodes, read from the gzipped FileDescriptorProtos compiled into kubectl.
 *
 *   node --import tsx server/sim/api/protobuf/extractSchema.ts /usr/bin/kubectl
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import { WireFormatError, wireFields } from './wire.ts';

const PACKAGES = [
  'k8s.io.api.core.v1',
  'k8s.io.api.apps.v1',
  'k8s.io.api.batch.v1',
  'k8s.io.api.batch.v1beta1',
  'k8s.io.api.storage.v1',
  'k8s.io.api.authorization.v1',
  'k8s.io.api.policy.v1',
  'k8s.io.api.events.v1',
  'k8s.io.api.autoscaling.v1',
  'k8s.io.api.autoscaling.v2',
  'k8s.io.api.networking.v1',
  'k8s.io.api.rbac.v1',
  'k8s.io.api.authentication.v1',
  'k8s.io.api.coordination.v1',
  'k8s.io.apimachinery.pkg.apis.meta.v1',
  'k8s.io.apimachinery.pkg.api.resource',
  'k8s.io.apimachinery.pkg.util.intstr',
  'k8s.io.apimachinery.pkg.runtime',
];
const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0x02, 0xff]);
const text = (v: unknown) => Buffer.from(v as Uint8Array).toString('utf8');
const short = (n: string) => n.replace(/^\.k8s\.io\.(api\.|apimachinery\.pkg\.(apis\.)?)?/, '');

type Row = (string | number)[];
const out: Record<string, { m?: 1; f: Row[] }> = {};

function message(bytes: Uint8Array, prefix: string): void {
  let name = '';
  const rows: Row[] = [];
  const nested: Uint8Array[] = [];
  let mapEntry = false;
  for (const f of wireFields(bytes)) {
    if (f.number === 1) name = text(f.value);
    else if (f.number === 3) nested.push(f.value as Uint8Array);
    else if (f.number === 7) {
      for (const o of wireFields(f.value as Uint8Array)) if (o.number === 7) mapEntry = o.value !== 0n;
    } else if (f.number === 2) {
      let fname = '';
      let num = 0;
      let label = 0;
      let type = 0;
      let typeName = '';
      for (const x of wireFields(f.value as Uint8Array)) {
        if (x.number === 1) fname = text(x.value);
        if (x.number === 3) num = Number(x.value);
        if (x.number === 4) label = Number(x.value);
        if (x.number === 5) type = Number(x.value);
        if (x.number === 6) typeName = short(text(x.value));
      }
      const row: Row = [num, fname, type];
      if (typeName || label === 3) row.push(typeName);
      if (label === 3) row.push(1);
      rows.push(row);
    }
  }
  const full = `${prefix}.${name}`;
  out[short(full)] = mapEntry ? { m: 1, f: rows } : { f: rows };
  for (const n of nested) message(n, full);
}

const bin = readFileSync(process.argv[2] ?? '/usr/bin/kubectl');
for (let off = bin.indexOf(GZIP_HEADER); off >= 0; off = bin.indexOf(GZIP_HEADER, off + 1)) {
  let raw: Buffer;
  try {
    raw = inflateRawSync(bin.subarray(off + 10, off + 10 + 4_000_000));
  } catch (err) {
    // Bytes that only look like a gzip header: zlib says so with a Z_* code.
    if (!(err as NodeJS.ErrnoException).code?.startsWith('Z_')) throw err;
    continue;
  }
  try {
    let pkg = '';
    const messages: Uint8Array[] = [];
    for (const f of wireFields(raw)) {
      if (f.number === 2) pkg = text(f.value);
      if (f.number === 4) messages.push(f.value as Uint8Array);
    }
    if (PACKAGES.includes(pkg)) for (const m of messages) message(m, `.${pkg}`);
  } catch (err) {
    // Not a FileDescriptorProto.
    if (!(err instanceof WireFormatError || err instanceof RangeError)) throw err;
  }
}
writeFileSync(new URL('./schema.json', import.meta.url), JSON.stringify(out));
console.log(`${Object.keys(out).length} messages`);
