/** Nodes, live: status, roles, requested vs allocatable cpu/memory (from effective pod requests), pods, taints. */
import type { NodeRow } from '../../../../server/views/nodes/nodeRow.ts';
import type { ResourceAllocation } from '../../../../server/views/nodes/nodeAllocation.ts';
import { Age } from '../../components/Age.tsx';
import { LiveListPage, type ListSpec } from '../../components/LiveListPage.tsx';
import { bytesAmount, cpuCores, percentOf } from './resourceAmount.ts';

function nodeState(r: NodeRow): string {
  if (r.status.includes('SchedulingDisabled')) return 'cordoned';
  return r.status.startsWith('Ready') ? 'ready' : 'notReady';
}

function Allocation({ a, format }: { a: ResourceAllocation; format: (n: number) => string }) {
  const pct = percentOf(a.requested, a.allocatable);
  return (
    <span className="alloc" title={`${format(a.requested)} / ${format(a.allocatable)}`}>
      <span className="alloc__bar" aria-hidden="true">
        <span className={`alloc__fill${pct >= 90 ? ' alloc__fill--high' : ''}`} style={{ width: `${Math.min(100, pct)}%` }} />
      </span>
      <span className="mono">
        {format(a.requested)}/{format(a.allocatable)} ({pct}%)
      </span>
    </span>
  );
}

const spec: ListSpec<NodeRow> = {
  view: 'nodes',
  title: 'nodes.title',
  filterPlaceholder: 'nodes.filter',
  count: 'nodes.count',
  clusterScoped: true,
  rowKey: (r) => r.key,
  defaultSort: { column: 'name', direction: 'asc' },
  text: (r) => `${r.name} ${r.status} ${r.roles.join(' ')} ${r.allocation.taints.map((x) => `${x.key}=${x.value ?? ''}:${x.effect}`).join(' ')}`,
  labels: (r) => r.labels,
  chips: {
    values: [
      { value: 'notReady', label: 'nodes.notReady', tone: 'bad' },
      { value: 'cordoned', label: 'nodes.cordoned', tone: 'progress' },
      { value: 'ready', label: 'nodes.ready', tone: 'ok' },
    ],
    of: nodeState,
  },
  columns: (t) => [
    { id: 'name', header: t('nodes.col.name'), width: 'minmax(8rem, 1.2fr)', cell: (r) => <span className="mono">{r.name}</span>, sortValue: (r) => r.name },
    {
      id: 'status',
      header: t('nodes.col.status'),
      width: 'minmax(6rem, 1fr)',
      cell: (r) => <span className={`tone tone--${nodeState(r) === 'ready' ? 'ok' : nodeState(r) === 'cordoned' ? 'progress' : 'bad'}`}>{r.status}</span>,
      sortValue: (r) => r.status,
    },
    { id: 'roles', header: t('nodes.col.roles'), width: 'minmax(5rem, 0.8fr)', cell: (r) => r.roles.join(', ') || <span className="muted">—</span>, sortValue: (r) => r.roles.join(',') },
    {
      id: 'cpu',
      header: t('nodes.col.cpu'),
      width: 'minmax(11rem, 1.5fr)',
      cell: (r) => <Allocation a={r.allocation.cpu} format={cpuCores} />,
      sortValue: (r) => r.allocation.cpu.requested / Math.max(1, r.allocation.cpu.allocatable),
    },
    {
      id: 'memory',
      header: t('nodes.col.memory'),
      width: 'minmax(12rem, 1.6fr)',
      cell: (r) => <Allocation a={r.allocation.memory} format={bytesAmount} />,
      sortValue: (r) => r.allocation.memory.requested / Math.max(1, r.allocation.memory.allocatable),
    },
    { id: 'pods', header: t('nodes.col.pods'), width: '5.5rem', cell: (r) => `${r.allocation.pods.count}/${r.allocation.pods.allocatable}`, sortValue: (r) => r.allocation.pods.count, align: 'end' },
    {
      id: 'taints',
      header: t('nodes.col.taints'),
      width: 'minmax(8rem, 1.4fr)',
      cell: (r) => (
        <span className="mono cell-ellipsis">{r.allocation.taints.map((x) => `${x.key}${x.value ? `=${x.value}` : ''}:${x.effect}`).join(', ') || <span className="muted">—</span>}</span>
      ),
      sortValue: (r) => r.allocation.taints.length,
    },
    { id: 'version', header: t('nodes.col.version'), width: '6rem', cell: (r) => r.kubeletVersion, sortValue: (r) => r.kubeletVersion },
    { id: 'age', header: t('workloads.col.age'), width: '4.5rem', cell: (r) => <Age since={r.creationTimestamp} />, sortValue: (r) => -Date.parse(r.creationTimestamp), align: 'end' },
  ],
};

export function NodesPage() {
  return <LiveListPage spec={spec} />;
}
