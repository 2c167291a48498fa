/**
 * The demo cluster's built-in image registry. Nothing is pulled from anywhere: an image is
 * known by its repository, and every tag of a known repository exists except the ones
 * listed in MISSING_TAGS (so `nginx:1.27`, `nginx:latest` and `nginx:whatever` all pull,
 * while `demo.registry/shop/api:9.9.9-does-not-exist` fails like a typo'd tag would).
 * An unknown repository fails to pull with containerd's NotFound wording.
 */

/** What the container's main process does when the pod spec gives no command. */
export type MainBehaviour =
  /** Runs until stopped, writing a log line roughly every `everyMs` simulated ms. */
  | { kind: 'server'; logStyle: LogStyle; everyMs: number }
  /** Writes its lines, then exits with `exitCode` after `afterMs` simulated ms. */
  | { kind: 'exits'; exitCode: number; afterMs: number; lines: string[]; reason?: 'OOMKilled' }
  /** An interactive shell as PID 1 (busybox, alpine, debian...): with stdin+tty it waits for input, else exits 0 at once. */
  | { kind: 'shell' }
  /** Allocates memory until the container's limit stops it (OOMKilled, 137) or it reaches `needBytes`. */
  | { kind: 'memhog'; needBytes: number; afterMs: number };

export type LogStyle = 'nginx' | 'api-json' | 'worker' | 'postgres' | 'redis' | 'fluent-bit' | 'pause' | 'generic';

export interface ImageDef {
  repository: string;
  /** Shells on PATH, e.g. ['sh'] for busybox, ['sh', 'ash'] for alpine, ['sh', 'bash'] for debian. */
  shells: string[];
  osRelease: string;
  /** The default process (ENTRYPOINT + CMD), as `ps` shows it. */
  cmdline: string[];
  main: MainBehaviour;
  env: Record<string, string>;
  /** Compressed size in bytes, as the kubelet reports in the Pulled event. */
  sizeBytes: number;
  /** Simulated pull duration. */
  pullMs: number;
  /** Baseline memory the process uses (metrics). */
  memoryBytes: number;
  /** Baseline CPU in millicores (metrics). */
  cpuMillis: number;
}

const PATH_DEFAULT = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

const OS_DEBIAN = `PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
NAME="Debian GNU/Linux"
VERSION_ID="12"
VERSION="12 (bookworm)"
VERSION_CODENAME=bookworm
ID=debian
HOME_URL="https://www.debian.org/"
SUPPORT_URL="https://www.debian.org/support"
BUG_REPORT_URL="https://bugs.debian.org/"
`;
const OS_ALPINE = `NAME="Alpine Linux"
ID=alpine
VERSION_ID=3.20.3
PRETTY_NAME="Alpine Linux v3.20"
HOME_URL="https://alpinelinux.org/"
BUG_REPORT_URL="https://gitlab.alpinelinux.org/alpine/aports/-/issues"
`;
const OS_UBUNTU = `PRETTY_NAME="Ubuntu 24.04.1 LTS"
NAME="Ubuntu"
VERSION_ID="24.04"
VERSION="24.04.1 LTS (Noble Numbat)"
VERSION_CODENAME=noble
ID=ubuntu
ID_LIKE=debian
HOME_URL="https://www.ubuntu.com/"
UBUNTU_CODENAME=noble
`;
const OS_BUSYBOX = `NAME="BusyBox"
ID=busybox
VERSION_ID=1.36.1
PRETTY_NAME="BusyBox v1.36.1"
`;

const MiB = 1024 * 1024;

function image(repository: string, def: Omit<ImageDef, 'repository' | 'env'> & { env?: Record<string, string> }): ImageDef {
  return { repository, ...def, env: { PATH: PATH_DEFAULT, ...def.env } };
}

const IMAGES: ImageDef[] = [
  image('nginx', {
    shells: ['sh', 'bash'], osRelease: OS_DEBIAN, cmdline: ['nginx', '-g', 'daemon off;'],
    main: { kind: 'server', logStyle: 'nginx', everyMs: 2000 },
    env: { NGINX_VERSION: '1.27.2', NJS_VERSION: '0.8.7', PKG_RELEASE: '1~bookworm' },
    sizeBytes: 72_950_530, pullMs: 1800, memoryBytes: 12 * MiB, cpuMillis: 2,
  }),
  image('busybox', {
    shells: ['sh'], osRelease: OS_BUSYBOX, cmdline: ['sh'], main: { kind: 'shell' },
    sizeBytes: 2_166_802, pullMs: 600, memoryBytes: 1 * MiB, cpuMillis: 0,
  }),
  image('alpine', {
    shells: ['sh', 'ash'], osRelease: OS_ALPINE, cmdline: ['/bin/sh'], main: { kind: 'shell' },
    sizeBytes: 3_623_807, pullMs: 700, memoryBytes: 1 * MiB, cpuMillis: 0,
  }),
  image('debian', {
    shells: ['sh', 'bash'], osRelease: OS_DEBIAN, cmdline: ['bash'], main: { kind: 'shell' },
    sizeBytes: 48_493_392, pullMs: 1400, memoryBytes: 2 * MiB, cpuMillis: 0,
  }),
  image('ubuntu', {
    shells: ['sh', 'bash'], osRelease: OS_UBUNTU, cmdline: ['/bin/bash'], main: { kind: 'shell' },
    sizeBytes: 29_754_422, pullMs: 1200, memoryBytes: 2 * MiB, cpuMillis: 0,
  }),
  image('postgres', {
    shells: ['sh', 'bash'], osRelease: OS_DEBIAN, cmdline: ['postgres'],
    main: { kind: 'server', logStyle: 'postgres', everyMs: 5000 },
    env: { PG_MAJOR: '16', PG_VERSION: '16.4-1.pgdg120+2', PGDATA: '/var/lib/postgresql/data', LANG: 'en_US.utf8' },
    sizeBytes: 153_872_110, pullMs: 3200, memoryBytes: 48 * MiB, cpuMillis: 6,
  }),
  image('redis', {
    shells: ['sh', 'bash'], osRelease: OS_DEBIAN, cmdline: ['redis-server', '*:6379'],
    main: { kind: 'server', logStyle: 'redis', everyMs: 6000 },
    env: { REDIS_VERSION: '7.4.1' },
    sizeBytes: 45_109_215, pullMs: 1300, memoryBytes: 8 * MiB, cpuMillis: 3,
  }),
  image('python', {
    shells: ['sh', 'bash'], osRelease: OS_DEBIAN, cmdline: ['python3'], main: { kind: 'exits', exitCode: 0, afterMs: 100, lines: [] },
    env: { PYTHON_VERSION: '3.12.7', LANG: 'C.UTF-8' },
    sizeBytes: 392_150_125, pullMs: 4500, memoryBytes: 20 * MiB, cpuMillis: 1,
  }),
  image('node', {
    shells: ['sh', 'bash'], osRelease: OS_DEBIAN, cmdline: ['node'], main: { kind: 'exits', exitCode: 0, afterMs: 100, lines: [] },
    env: { NODE_VERSION: '20.18.0', YARN_VERSION: '1.22.22' },
    sizeBytes: 394_820_021, pullMs: 4200, memoryBytes: 30 * MiB, cpuMillis: 1,
  }),
  image('registry.k8s.io/pause', {
    shells: [], osRelease: '', cmdline: ['/pause'], main: { kind: 'server', logStyle: 'pause', everyMs: 0 },
    sizeBytes: 320_368, pullMs: 300, memoryBytes: 256 * 1024, cpuMillis: 0,
  }),
  image('registry.k8s.io/coredns/coredns', {
    shells: [], osRelease: '', cmdline: ['/coredns', '-conf', '/etc/coredns/Corefile'],
    main: { kind: 'server', logStyle: 'generic', everyMs: 30_000 },
    sizeBytes: 18_562_039, pullMs: 900, memoryBytes: 16 * MiB, cpuMillis: 3,
  }),
  image('fluent/fluent-bit', {
    shells: [], osRelease: OS_DEBIAN, cmdline: ['/fluent-bit/bin/fluent-bit', '-c', '/fluent-bit/etc/fluent-bit.conf'],
    main: { kind: 'server', logStyle: 'fluent-bit', everyMs: 10_000 },
    sizeBytes: 35_201_482, pullMs: 1500, memoryBytes: 14 * MiB, cpuMillis: 4,
  }),
  image('demo.registry/shop/frontend', {
    shells: ['sh'], osRelease: OS_ALPINE, cmdline: ['nginx', '-g', 'daemon off;'],
    main: { kind: 'server', logStyle: 'nginx', everyMs: 2000 },
    env: { NGINX_VERSION: '1.27.2' },
    sizeBytes: 21_405_118, pullMs: 1100, memoryBytes: 10 * MiB, cpuMillis: 3,
  }),
  image('demo.registry/shop/api', {
    shells: ['sh', 'bash'], osRelease: OS_DEBIAN, cmdline: ['node', 'dist/server.js'],
    main: { kind: 'server', logStyle: 'api-json', everyMs: 2000 },
    env: { NODE_VERSION: '20.18.0', NODE_ENV: 'production', PORT: '8080' },
    sizeBytes: 61_733_404, pullMs: 1600, memoryBytes: 90 * MiB, cpuMillis: 25,
  }),
  image('demo.registry/shop/worker', {
    shells: ['sh', 'bash'], osRelease: OS_DEBIAN, cmdline: ['python3', '-m', 'worker'],
    main: { kind: 'server', logStyle: 'worker', everyMs: 3000 },
    env: { PYTHON_VERSION: '3.12.7', QUEUE: 'orders' },
    sizeBytes: 58_021_552, pullMs: 1500, memoryBytes: 60 * MiB, cpuMillis: 15,
  }),
  image('demo.registry/tools/crashloop', {
    shells: ['sh'], osRelease: OS_ALPINE, cmdline: ['/app/start'],
    main: {
      kind: 'exits', exitCode: 1, afterMs: 2000,
      lines: [
        'starting service version=2.3.1',
        'loading configuration from /etc/app/config.yaml',
        'ERROR failed to connect to database host=postgres.shop.svc.cluster.local:5432: connection refused',
        'FATAL cannot continue without database, exiting',
      ],
    },
    sizeBytes: 8_402_114, pullMs: 800, memoryBytes: 6 * MiB, cpuMillis: 5,
  }),
  image('demo.registry/tools/memhog', {
    shells: ['sh'], osRelease: OS_ALPINE, cmdline: ['/app/memhog', '--grow'],
    main: { kind: 'memhog', needBytes: 512 * MiB, afterMs: 3000 },
    sizeBytes: 4_100_230, pullMs: 700, memoryBytes: 512 * MiB, cpuMillis: 40,
  }),
  image('demo.registry/tools/migrate', {
    shells: ['sh'], osRelease: OS_ALPINE, cmdline: ['/app/migrate', 'up'],
    main: {
      kind: 'exits', exitCode: 1, afterMs: 3000,
      lines: [
        'migrate: connecting to postgres://shop@postgres.shop.svc.cluster.local:5432/shop',
        'migrate: current schema version 41',
        'migrate: applying 42_add_order_discounts.up.sql',
        'ERROR: column "discount_cents" of relation "orders" already exists (SQLSTATE 42701)',
        'migrate: migration 42 failed, database is dirty at version 42',
      ],
    },
    sizeBytes: 12_880_410, pullMs: 900, memoryBytes: 9 * MiB, cpuMillis: 10,
  }),
];

/** Tags that do not exist although their repository does (a typo'd or unpublished release). */
const MISSING_TAGS = new Set(['demo.registry/shop/api:9.9.9-does-not-exist', 'nginx:does-not-exist', 'demo.registry/shop/frontend:broken']);

/** Short Docker Hub names resolve to docker.io/library/... as containerd does. */
const ALIASES: Record<string, string> = { 'registry.k8s.io/busybox': 'busybox', 'fluent-bit': 'fluent/fluent-bit', 'cr.fluentbit.io/fluent/fluent-bit': 'fluent/fluent-bit', 'k8s.gcr.io/pause': 'registry.k8s.io/pause' };

export interface ImageRef {
  /** As written in the pod spec. */
  raw: string;
  repository: string;
  tag: string;
  /** The fully qualified name the kubelet reports in status.image. */
  qualified: string;
}

/**
 * Whether the image's userland is GNU (Debian and Ubuntu images, the ones that ship bash), whose
 * tools word their messages and lay out their output differently from busybox's.
 */
export function hasGnuUserland(image: ImageDef): boolean {
  return image.shells.includes('bash');
}

export function parseImageRef(raw: string): ImageRef {
  let rest = raw.split('@')[0];
  let tag = 'latest';
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > slash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  let repository = rest.replace(/^docker\.io\/(library\/)?/, '');
  repository = ALIASES[repository] ?? repository;
  const firstPart = rest.split('/')[0];
  const hasRegistry = rest.includes('/') && (firstPart.includes('.') || firstPart.includes(':') || firstPart === 'localhost');
  const qualified = hasRegistry ? `${rest}:${tag}` : rest.includes('/') ? `docker.io/${rest}:${tag}` : `docker.io/library/${rest}:${tag}`;
  return { raw, repository, tag, qualified };
}

/** The image, or undefined when the registry has no such repository or tag. */
export function resolveImage(raw: string): ImageDef | undefined {
  const ref = parseImageRef(raw);
  if (MISSING_TAGS.has(`${ref.repository}:${ref.tag}`)) return undefined;
  return IMAGES.find((i) => i.repository === ref.repository);
}

/** containerd's error for an image that cannot be resolved, as the kubelet reports it. */
export function pullErrorMessage(raw: string): string {
  const ref = parseImageRef(raw);
  return `Failed to pull image "${raw}": rpc error: code = NotFound desc = failed to pull and unpack image "${ref.qualified}": failed to resolve reference "${ref.qualified}": ${ref.qualified}: not found`;
}

/** A stable sha256 digest per image reference, as status.imageID shows. */
export function imageDigest(raw: string): string {
  const ref = parseImageRef(raw);
  return `${ref.qualified.replace(/:[^:/]+$/, '')}@sha256:${stableHex(ref.qualified, 64)}`;
}

/** Deterministic hex from a string (FNV-1a rounds), for digests that stay the same per image. */
export function stableHex(seed: string, length: number): string {
  let out = '';
  let h = 0x811c9dc5;
  let round = 0;
  while (out.length < length) {
    for (let i = 0; i < seed.length; i++) {
      h ^= seed.charCodeAt(i) + round;
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    out += h.toString(16).padStart(8, '0');
    round++;
  }
  return out.slice(0, length);
}
