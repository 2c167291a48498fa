/**
 * The pod page's explanations as phrases: why the pod is Pending (the statements the BFF sends as
 * codes), why each node does not fit, and why its effective request is what it is. Names,
 * amounts and the scheduler's words are data; the sentences around them are ours, in every language.
 */
import type { NodeMisfit, PendingExplanation, PendingStatement } from '../../../../server/views/nodes/whyPending.ts';
import type { RequestsExplanation } from '../../../../server/views/workloads/requestsExplanation.ts';
import type { MessageKey } from '../../i18n/en.ts';
import { list, phrase, raw, type Phrase, type PhraseVar } from '../../i18n/phrase.ts';
import { bytesAmount, cpuCores } from '../nodes/resourceAmount.ts';

/** An amount in its resource's unit: cpu in cores, memory and storage in Mi/Gi, the rest as counts. */
export function amountOf(resource: string, amount: number): string {
  if (resource === 'cpu') return cpuCores(amount);
  if (resource === 'memory' || resource.includes('storage') || resource.startsWith('hugepages-')) return bytesAmount(amount);
  return String(amount);
}

const RESOURCE_KEYS: Partial<Record<string, MessageKey>> = {
  cpu: 'pending.resource.cpu',
  memory: 'pending.resource.memory',
  'ephemeral-storage': 'pending.resource.ephemeralStorage',
  pods: 'pending.resource.pods',
};

/** A resource by its name in the reader's language; extended resources (nvidia.com/gpu) as they are named. */
export function resourceName(resource: string): PhraseVar {
  const key = RESOURCE_KEYS[resource];
  return key ? phrase(key) : raw(resource);
}

const names = (nodes: readonly string[]) => list(nodes.map(raw));

/** Why one node cannot take the pod, without the node's name (the table names it). */
export function misfitPhrase(why: NodeMisfit): Phrase {
  switch (why.code) {
    case 'cordoned':
      return phrase('pending.misfit.cordoned');
    case 'untoleratedTaint':
      return phrase('pending.misfit.taint', { taint: raw(why.taint) });
    case 'nodeSelector':
      return phrase('pending.misfit.selector');
    case 'insufficient':
      return phrase('pending.misfit.insufficient', { resources: list(why.resources.map(resourceName), 'and') });
  }
}

export function nodeMisfitPhrase(node: string, why: NodeMisfit): Phrase {
  return phrase('pending.nodeMisfit', { node: raw(node), why: misfitPhrase(why) });
}

export function statementPhrase(s: PendingStatement): Phrase {
  switch (s.code) {
    case 'scheduled':
      return phrase('pending.scheduled', { node: raw(s.node) });
    case 'gated':
      return phrase('pending.gated', { gates: names(s.gates) });
    case 'noNodes':
      return phrase('pending.noNodes');
    case 'nodesFit':
      return s.schedulerSaid === undefined ? phrase('pending.nodesFit', { nodes: names(s.nodes) }) : phrase('pending.nodesFitSaid', { nodes: names(s.nodes), said: raw(s.schedulerSaid) });
    case 'insufficient': {
      const amount = (n: number) => raw(amountOf(s.resource, n));
      const free = s.nodes.map((n) => phrase('pending.nodeFree', { node: raw(n.node), free: amount(n.free), allocatable: amount(n.allocatable) }));
      return phrase('pending.insufficient', { wanted: amount(s.wanted), resource: resourceName(s.resource), nodes: list(free) });
    }
    case 'podLimit':
      return phrase('pending.podLimit', { nodes: list(s.nodes.map((n) => phrase('pending.atPodLimit', { node: raw(n) }))) });
    case 'ruledOut':
      return phrase(s.others ? 'pending.ruledOutOthers' : 'pending.ruledOut', { nodes: list(s.nodes.map((n) => nodeMisfitPhrase(n.node, n.why)), 'semicolon') });
    case 'schedulerAlso':
      return phrase('pending.schedulerAlso', { said: raw(s.said) });
    case 'schedulerSays':
      return phrase('pending.schedulerSays', { said: raw(s.message) });
  }
}

export function pendingPhrases(p: PendingExplanation): Phrase[] {
  return p.statements.map(statementPhrase);
}

const RULE_KEYS = {
  together: 'requests.rule.together',
  largestInit: 'requests.rule.largestInit',
  runningCovers: 'requests.rule.runningCovers',
} as const satisfies Record<RequestsExplanation['rule'], MessageKey>;

/**
 * Why the effective request of one resource is what it is. The resource keeps its name from the
 * pod spec (`cpu`, `memory`), the amounts are data; the sum of the containers that run together
 * is written out when there are several.
 */
export function requestsPhrase(r: RequestsExplanation): Phrase {
  const amount = (n: number) => amountOf(r.resource, n);
  const sum = r.running.reduce((a, b) => a + b, 0);
  const sumText = r.running.length > 1 ? `${r.running.map(amount).join(' + ')} = ${amount(sum)}` : amount(sum);
  const key = r.rule === 'together' && r.sidecars ? 'requests.rule.togetherSidecars' : RULE_KEYS[r.rule];
  const rule = phrase(key, { sum: raw(sumText), init: raw(amount(r.largestInit)) });
  const why = r.overhead ? phrase('requests.plusOverhead', { rule }) : rule;
  return phrase('requests.explained', { resource: raw(r.resource), amount: raw(amount(r.effective)), why });
}
