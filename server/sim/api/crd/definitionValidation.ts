import type { KubeObject } from '../../../kube/object.ts';
import { nameProblems } from '../../../kube/names.ts';
import { FieldErrors } from '../admission/fieldErrors.ts';
import type { DefinitionSpec, DefinitionVersion, PrinterColumn } from './definitionTypes.ts';
import { validateSchemaShape } from './structuralSchema.ts';

const PRINTER_TYPES = ['boolean', 'date', 'integer', 'number', 'string'];
const PRINTER_FORMATS = ['byte', 'date', 'date-time', 'double', 'float', 'int32', 'int64', 'name', 'password'];

/** SetDefaults_CustomResourceDefinition(Spec): singular, listKind and the None conversion. */
export function defaultDefinition(crd: KubeObject): void {
  const spec = (crd.spec ??= {}) as Partial<DefinitionSpec>;
  const names = (spec.names ??= { plural: '', kind: '' });
  if (!names.singular && names.kind) names.singular = names.kind.toLowerCase();
  if (!names.listKind && names.kind) names.listKind = `${names.kind}List`;
  spec.conversion ??= { strategy: 'None' };
  spec.conversion.strategy ??= 'None';
  for (const v of spec.versions ?? []) {
    v.served ??= false;
    v.storage ??= false;
  }
}

/**
 * A versions list as Go's %#v would start it: the real message dumps the whole struct slice,
 * pointers included, which no client can match byte for byte; the names say which versions.
 */
function versionsValue(versions: DefinitionVersion[]): string {
  return `[]apiextensions.CustomResourceDefinitionVersion{${versions.map((v) => `apiextensions.CustomResourceDefinitionVersion{Name:${JSON.stringify(v.name)}, Served:${v.served}, Storage:${v.storage}}`).join(', ')}}`;
}

function dns1035(errs: FieldErrors, field: string, value: string | undefined, mixedCase = false): void {
  if (!value) return;
  const problems = nameProblems('dns1035Label', mixedCase ? value.toLowerCase() : value);
  if (problems.length) errs.invalid(field, value, (mixedCase ? 'may have mixed case, but should otherwise match: ' : '') + problems.join(','));
}

function validateColumn(errs: FieldErrors, c: PrinterColumn, path: string): void {
  if (!c.name) errs.required(`${path}.name`);
  if (!c.type) errs.required(`${path}.type`, `must be one of ${PRINTER_TYPES.join(',')}`);
  else if (!PRINTER_TYPES.includes(c.type)) errs.invalid(`${path}.type`, c.type, `must be one of ${PRINTER_TYPES.join(',')}`);
  if (c.format && !PRINTER_FORMATS.includes(c.format)) errs.invalid(`${path}.format`, c.format, `must be one of ${PRINTER_FORMATS.join(',')}`);
  if (!c.jsonPath) errs.required(`${path}.jsonPath`);
}

function validateScale(errs: FieldErrors, scale: NonNullable<NonNullable<DefinitionVersion['subresources']>['scale']>, path: string): void {
  const under = (field: string, value: string | undefined, prefix: string, required: boolean) => {
    if (!value) {
      if (required) errs.required(`${path}.${field}`);
      return;
    }
    if (value[0] !== '.') errs.invalid(`${path}.${field}`, value, 'must be a simple json path starting with .');
    else if (!value.startsWith(`.${prefix}.`)) errs.invalid(`${path}.${field}`, value, `should be a json path under .${prefix}`);
  };
  under('specReplicasPath', scale.specReplicasPath, 'spec', true);
  under('statusReplicasPath', scale.statusReplicasPath, 'status', true);
  under('labelSelectorPath', scale.labelSelectorPath, 'status', false);
}

function validateVersion(errs: FieldErrors, v: DefinitionVersion, path: string): void {
  dns1035(errs, `${path}.name`, v.name);
  const schema = v.schema?.openAPIV3Schema;
  if (!schema) errs.required(`${path}.schema.openAPIV3Schema`, 'schemas are required');
  else validateSchemaShape(errs, schema, `${path}.schema.openAPIV3Schema`, !!v.subresources?.status);
  if (v.subresources?.scale) validateScale(errs, v.subresources.scale, `${path}.subresources.scale`);
  (v.additionalPrinterColumns ?? []).forEach((c, i) => validateColumn(errs, c, `${path}.additionalPrinterColumns[${i}]`));
}

/**
 * ValidateCustomResourceDefinition (apiextensions-apiserver, v1 after defaulting), in its
 * words: the name is plural.group, a group with a dot, a scope, DNS-1035 names, exactly one
 * storage version, and a structural schema per version. `old` adds the immutable fields.
 */
export function validateDefinition(crd: KubeObject, old: KubeObject | undefined): FieldErrors {
  const errs = new FieldErrors();
  const spec = crd.spec as Partial<DefinitionSpec>;
  const names = spec.names ?? { plural: '', kind: '' };
  const name = crd.metadata.name ?? '';
  if (name && name !== `${names.plural}.${spec.group}`) errs.invalid('metadata.name', name, 'must be spec.names.plural+"."+spec.group');
  if (!spec.group) errs.required('spec.group');
  else {
    const problems = nameProblems('dns1123Subdomain', spec.group);
    if (problems.length) errs.invalid('spec.group', spec.group, problems.join(','));
    else if (!spec.group.includes('.')) errs.invalid('spec.group', spec.group, 'should be a domain with at least one dot');
  }
  if (!spec.scope) errs.required('spec.scope');
  else if (spec.scope !== 'Cluster' && spec.scope !== 'Namespaced') errs.notSupported('spec.scope', spec.scope, ['Cluster', 'Namespaced']);
  const versions = spec.versions ?? [];
  if (!versions.length) errs.invalid('spec.versions', versions, 'must have exactly one version marked as storage version', versionsValue(versions));
  versions.forEach((v, i) => validateVersion(errs, v, `spec.versions[${i}]`));
  if (new Set(versions.map((v) => v.name)).size !== versions.length) errs.invalid('spec.versions', versions, 'must contain unique version names', versionsValue(versions));
  const storage = versions.filter((v) => v.storage).length;
  if (versions.length && storage !== 1) errs.invalid('spec.versions', versions, 'must have exactly one version marked as storage version', versionsValue(versions));
  if (!names.plural) errs.required('spec.names.plural');
  if (!names.singular) errs.required('spec.names.singular');
  if (!names.kind) errs.required('spec.names.kind');
  if (!names.listKind) errs.required('spec.names.listKind');
  dns1035(errs, 'spec.names.plural', names.plural);
  dns1035(errs, 'spec.names.singular', names.singular);
  dns1035(errs, 'spec.names.kind', names.kind, true);
  dns1035(errs, 'spec.names.listKind', names.listKind, true);
  (names.shortNames ?? []).forEach((s, i) => dns1035(errs, `spec.names.shortNames[${i}]`, s));
  if (names.kind && names.kind === names.listKind) errs.invalid('spec.names.listKind', names.listKind, 'kind and listKind may not be the same');
  (names.categories ?? []).forEach((c, i) => dns1035(errs, `spec.names.categories[${i}]`, c));
  const strategy = spec.conversion?.strategy;
  if (strategy !== 'None' && strategy !== 'Webhook') errs.notSupported('spec.conversion.strategy', strategy ?? '', ['None', 'Webhook']);
  if (old) {
    const was = old.spec as DefinitionSpec;
    const immutable = (field: string, now: unknown, before: unknown) => {
      if (JSON.stringify(now) !== JSON.stringify(before)) errs.invalid(field, now, 'field is immutable');
    };
    immutable('spec.group', spec.group, was.group);
    immutable('spec.names.plural', names.plural, was.names.plural);
    const established = (old.status?.conditions as { type: string; status: string }[] | undefined)?.some((c) => c.type === 'Established' && c.status === 'True');
    if (established) {
      immutable('spec.scope', spec.scope, was.scope);
      immutable('spec.names.kind', names.kind, was.names.kind);
    }
  }
  return errs;
}
