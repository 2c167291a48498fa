/** The BFF's reference and endpoint codes as phrases in the reader's language; cluster names stay raw. */
import type { ReferenceNote } from '../../../../server/actions/references.ts';
import type { EndpointNote } from '../../../../server/actions/referencesServicePods.ts';
import type { ContainerAt, ReferenceUse } from '../../../../server/kube/podTemplateReferences.ts';
import type { SelectorMiss } from '../../../../server/kube/serviceSelection.ts';
import { list, phrase, raw, type Phrase } from '../../i18n/phrase.ts';

/** `bad` stops the pods (or hides the answer); `note` does not. */
export function noteTone(n: ReferenceNote): 'bad' | 'note' {
  if (n.code === 'missingOptional' || n.code === 'claimFromTemplate') return 'note';
  if (n.code === 'missingKey') return n.optional ? 'note' : 'bad';
  return 'bad';
}

export function notePhrase(n: ReferenceNote): Phrase {
  switch (n.code) {
    case 'missingRequired':
      return phrase(`refs.note.missingRequired.${n.effect}`, { kind: raw(n.kind), name: raw(n.name) });
    case 'missingOptional':
      return phrase('refs.note.missingOptional', { kind: raw(n.kind), name: raw(n.name) });
    case 'missingKey':
      return phrase(n.optional ? 'refs.note.missingKeyOptional' : `refs.note.missingKey.${n.effect}`, { kind: raw(n.kind), name: raw(n.name), key: raw(n.key) });
    case 'missingPullSecret':
      return phrase('refs.note.missingPullSecret', { name: raw(n.name) });
    case 'missingClaim':
      return phrase('refs.note.missingClaim', { name: raw(n.name) });
    case 'claimFromTemplate':
      return phrase('refs.note.claimFromTemplate', { name: raw(n.name), template: raw(n.template) });
    case 'claimNotBound':
      return phrase('refs.note.claimNotBound', { name: raw(n.name), phase: raw(n.phase) });
    case 'missingServiceAccount':
      return phrase('refs.note.missingServiceAccount', { name: raw(n.name) });
    case 'forbidden':
      return phrase('refs.note.forbidden', { kind: raw(n.kind), name: raw(n.name) });
  }
}

const where = (at: ContainerAt): Phrase => phrase(`refs.role.${at.role}`, { container: raw(at.container) });

export function usagePhrase(u: ReferenceUse): Phrase {
  switch (u.via) {
    case 'envFrom':
      return u.prefix ? phrase('refs.use.envFromPrefix', { where: where(u), prefix: raw(u.prefix) }) : phrase('refs.use.envFrom', { where: where(u) });
    case 'envKey':
      return phrase('refs.use.envKey', { where: where(u), key: raw(u.key), variable: raw(u.variable) });
    case 'volume': {
      if (u.mounts.length === 0) return phrase('refs.use.volumeUnmounted', { volume: raw(u.volume) });
      const mounts = list(u.mounts.map((m) => phrase('refs.use.mount', { path: raw(m.mountPath), where: where(m) })));
      return phrase(u.projected ? 'refs.use.projected' : 'refs.use.volume', { volume: raw(u.volume), mounts });
    }
    case 'imagePullSecret':
      return phrase('refs.use.imagePullSecret');
    case 'serviceAccount':
      return phrase(u.defaulted ? 'refs.use.serviceAccountDefault' : 'refs.use.serviceAccount');
    case 'claimTemplate':
      return phrase('refs.use.claimTemplate', { template: raw(u.template), ordinal: u.ordinal });
  }
}

export function endpointPhrase(n: EndpointNote): Phrase {
  switch (n.code) {
    case 'podNotReady':
      return n.containers.length ? phrase('svcPods.note.podNotReady', { containers: list(n.containers.map(raw)) }) : phrase('svcPods.note.podNotReadyGates');
    case 'finished':
      return phrase('svcPods.note.finished', { phase: raw(n.phase) });
    case 'noTargetPort':
      return phrase('svcPods.note.noTargetPort', { port: raw(n.port) });
    case 'noPodIP':
    case 'terminating':
    case 'notListed':
      return phrase(`svcPods.note.${n.code}`);
  }
}

export function missPhrase(m: SelectorMiss): Phrase {
  return m.actual === undefined
    ? phrase('svcPods.missAbsent', { key: raw(m.key), wanted: raw(m.wanted) })
    : phrase('svcPods.miss', { key: raw(m.key), wanted: raw(m.wanted), actual: raw(m.actual) });
}
