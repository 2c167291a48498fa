/** Where "open a terminal" links go: the terminal page with the pod (and container) or workload to pick from. */
export function terminalPath(context: string, target: { namespace: string; pod?: string; container?: string; workload?: string }): string {
  const q = new URLSearchParams({ ns: target.namespace });
  if (target.pod) q.set('pod', target.pod);
  if (target.container) q.set('container', target.container);
  if (target.workload) q.set('workload', target.workload);
  return `/c/${encodeURIComponent(context)}/terminal?${q}`;
}
