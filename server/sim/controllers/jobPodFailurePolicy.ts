import type { KubeObject } from '../../kube/object.ts';

/** spec.podFailurePolicy of a batch/v1 Job. */
export interface PodFailurePolicy {
  rules?: PodFailurePolicyRule[];
}
export type PodFailurePolicyAction = 'FailJob' | 'FailIndex' | 'Ignore' | 'Count';
interface PodFailurePolicyRule {
  action: PodFailurePolicyAction;
  onExitCodes?: { containerName?: string; operator: 'In' | 'NotIn'; values: number[] };
  onPodConditions?: { type: string; status: string }[];
}

interface ContainerStatus {
  name: string;
  state?: { terminated?: { exitCode?: number } };
}
interface PodCondition {
  type: string;
  status: string;
}

/** What a failed pod means under the policy (matchPodFailurePolicy's three answers). */
export interface PodFailureVerdict {
  /** Set when a FailJob rule matched: the Failed condition's message. */
  failJobMessage?: string;
  /** False when an Ignore rule matched: the failure does not count towards backoffLimit. */
  countFailed: boolean;
  action?: PodFailurePolicyAction;
}

/**
 * matchPodFailurePolicy (pkg/controller/job/pod_failure_policy.go): the first rule that
 * matches decides. onExitCodes looks at terminated containers with a non-zero exit code,
 * app containers before init containers; onPodConditions at the pod's conditions. With no
 * rule matching, the failure counts as usual.
 */
export function matchPodFailurePolicy(policy: PodFailurePolicy | undefined, pod: Readonly<KubeObject>): PodFailureVerdict {
  if (!policy) return { countFailed: true };
  const ns = pod.metadata.namespace ?? '';
  const name = pod.metadata.name ?? '';
  for (const [index, rule] of (policy.rules ?? []).entries()) {
    let failJobMessage: string | undefined;
    if (rule.onExitCodes) {
      const c = matchOnExitCodes(pod, rule.onExitCodes);
      if (!c) continue;
      failJobMessage = `Container ${c.name} for pod ${ns}/${name} failed with exit code ${c.state!.terminated!.exitCode} matching ${rule.action} rule at index ${index}`;
    } else if (rule.onPodConditions) {
      const cond = matchOnPodConditions(pod, rule.onPodConditions);
      if (!cond) continue;
      failJobMessage = `Pod ${ns}/${name} has condition ${cond.type} matching ${rule.action} rule at index ${index}`;
    } else continue;
    switch (rule.action) {
      case 'Ignore':
        return { countFailed: false, action: 'Ignore' };
      case 'Count':
        return { countFailed: true, action: 'Count' };
      case 'FailIndex':
        // JobBackoffLimitPerIndex is on by default in 1.32.
        return { countFailed: true, action: 'FailIndex' };
      case 'FailJob':
        return { failJobMessage, countFailed: true, action: 'FailJob' };
      default:
      // An unknown action (validation refuses them) matches nothing; the next rule is tried.
    }
  }
  return { countFailed: true };
}

function matchOnExitCodes(pod: Readonly<KubeObject>, req: NonNullable<PodFailurePolicyRule['onExitCodes']>): ContainerStatus | undefined {
  const lists = [pod.status?.containerStatuses, pod.status?.initContainerStatuses] as (ContainerStatus[] | undefined)[];
  for (const list of lists) {
    for (const s of list ?? []) {
      const code = s.state?.terminated?.exitCode;
      // A container still terminating has no exit code to match; 0 never matches.
      if (code === undefined || code === 0) continue;
      if (req.containerName !== undefined && req.containerName !== s.name) continue;
      const listed = (req.values ?? []).includes(code);
      if ((req.operator === 'In' && listed) || (req.operator === 'NotIn' && !listed)) return s;
    }
  }
  return undefined;
}

function matchOnPodConditions(pod: Readonly<KubeObject>, patterns: readonly PodCondition[]): PodCondition | undefined {
  for (const c of (pod.status?.conditions as PodCondition[] | undefined) ?? []) {
    if (patterns.some((p) => p.type === c.type && p.status === c.status)) return c;
  }
  return undefined;
}
