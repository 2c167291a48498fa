/**
 * Disk usage: `df` and `du` over the container's vfs. The node's disk is a simulated fact
 * (its size and what the node's other images already use, below); what the container
 * writes is counted on top, so `dd`-less tests can still watch `df` grow with a file.
 */
import { hasGnuUserland } from '../images.ts';
import type { Command } from './interpreter.ts';
import type { Vfs } from './vfs.ts';

/** The node's disk, in 1K blocks: a 100 GB volume of which the images and other pods use about a tenth. */
const NODE_DISK_KB = 98_831_908;
const NODE_USED_KB = 10_243_244;
/** tmpfs for /dev and /dev/shm (64 MiB, as containerd mounts them) and a pod's token volume (half the node's memory). */
const DEV_TMPFS_KB = 65_536;
const TOKEN_TMPFS_KB = 8_029_024;
const TOKEN_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

/** Kilobytes a file of `bytes` occupies on disk (4 KiB blocks). */
const onDiskKb = (bytes: number) => Math.ceil(bytes / 4096) * 4;

/** What the container's files fill on the node's disk, in 1K blocks. */
function writtenKb(vfs: Vfs): number {
  return vfs.usage('/').blocks * 4;
}

/** `1.5G`-style sizes: busybox keeps one decimal; GNU only below 10. */
export function human(kb: number, gnu: boolean): string {
  if (kb === 0) return '0';
  const units = ['K', 'M', 'G', 'T'];
  let v = kb;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  if (gnu) return v < 10 ? `${(Math.ceil(v * 10) / 10).toFixed(1)}${units[u]}` : `${Math.ceil(v)}${units[u]}`;
  return `${v.toFixed(1)}${units[u]}`;
}

const df: Command = async ({ argv, shell, stdout }) => {
  const humanSizes = argv.slice(1).some((a) => /^-[a-zA-Z]*h/.test(a));
  const gnu = hasGnuUserland(shell.host.image);
  const vfs = shell.host.vfs;
  const used = NODE_USED_KB + writtenKb(vfs);
  const disk = { size: NODE_DISK_KB, used };
  const rows: [string, { size: number; used: number }, string][] = [['overlay', disk, '/'], ['tmpfs', { size: DEV_TMPFS_KB, used: 0 }, '/dev']];
  for (const path of vfs.volumeMounts) rows.push(['/dev/sda1', disk, path]);
  for (const path of ['/etc/hosts', '/dev/termination-log', '/etc/hostname', '/etc/resolv.conf']) if (vfs.exists(path)) rows.push(['/dev/sda1', disk, path]);
  rows.push(['shm', { size: DEV_TMPFS_KB, used: 0 }, '/dev/shm']);
  if (vfs.isDir(TOKEN_DIR)) rows.push(['tmpfs', { size: TOKEN_TMPFS_KB, used: Math.max(4, Math.ceil(vfs.usage(TOKEN_DIR).bytes / 1024)) }, TOKEN_DIR]);
  const pct = (r: { size: number; used: number }) => `${r.size ? Math.ceil((r.used / r.size) * 100) : 0}%`;
  const size = (kb: number) => (humanSizes ? human(kb, gnu) : String(kb));
  let out: string;
  if (gnu) {
    const head = humanSizes ? ['Filesystem', 'Size', 'Used', 'Avail', 'Use%', 'Mounted on'] : ['Filesystem', '1K-blocks', 'Used', 'Available', 'Use%', 'Mounted on'];
    const table = [head, ...rows.map(([fs, r, at]) => [fs, size(r.size), size(r.used), size(r.size - r.used), pct(r), at])];
    const widths = head.map((_h, i) => Math.max(...table.map((row) => row[i].length)));
    out = table.map((row) => row.map((c, i) => (i === 0 || i === 5 ? c.padEnd(i === 5 ? 0 : widths[i]) : c.padStart(widths[i]))).join(' ').trimEnd()).join('\n') + '\n';
  } else {
    const head = humanSizes ? 'Filesystem                Size      Used Available Use% Mounted on' : 'Filesystem           1K-blocks      Used Available Use% Mounted on';
    out = [head, ...rows.map(([fs, r, at]) => `${fs.padEnd(humanSizes ? 20 : 20)}${size(r.size).padStart(humanSizes ? 10 : 10)}${size(r.used).padStart(10)}${size(r.size - r.used).padStart(10)}${pct(r).padStart(5)} ${at}`)].join('\n') + '\n';
  }
  await stdout.write(out);
  return 0;
};

const du: Command = async ({ argv, shell, stdout, stderr }) => {
  const flags = new Set<string>();
  const targets: string[] = [];
  for (const a of argv.slice(1)) {
    if (/^-[a-zA-Z]+$/.test(a)) for (const f of a.slice(1)) flags.add(f);
    else targets.push(a);
  }
  const gnu = hasGnuUserland(shell.host.image);
  const vfs = shell.host.vfs;
  const fmt = (kb: number) => (flags.has('h') ? human(kb, gnu) : flags.has('m') ? String(Math.ceil(kb / 1024)) : String(kb));
  let status = 0;
  let out = '';
  for (const t of targets.length ? targets : ['.']) {
    const path = shell.resolvePath(t);
    const node = vfs.lookup(path);
    if (!node) {
      await stderr.write(gnu ? `du: cannot access '${t}': No such file or directory\n` : `du: ${t}: No such file or directory\n`);
      status = 1;
      continue;
    }
    // Post-order: each directory after its contents, with its own 4K and theirs.
    const walk = (name: string, n: typeof node): number => {
      if (n.kind === 'file') {
        const kb = onDiskKb(n.data.length);
        if (flags.has('a')) out += flags.has('s') ? '' : `${fmt(kb)}\t${name}\n`;
        return kb;
      }
      let kb = 4;
      for (const [child, c] of [...n.children].sort(([a], [b]) => (a < b ? -1 : 1))) kb += walk(`${name.replace(/\/$/, '')}/${child}`, c);
      if (!flags.has('s')) out += `${fmt(kb)}\t${name}\n`;
      return kb;
    };
    const total = walk(t, node);
    if (flags.has('s') || node.kind === 'file') out += `${fmt(total)}\t${t}\n`;
  }
  await stdout.write(out);
  return status;
};

export const DISK_COMMANDS: Record<string, Command> = { df, du };
