import type { Schema } from './builtinSpec.ts';

/**
 * One schema with its `$ref` (or kube-openapi's single-element `allOf: [{$ref}]`) followed: the
 * referenced definition's keywords, overridden by the referring property's own (description,
 * default, x-kubernetes-list-type...), as kube-openapi's v3 documents mean them.
 */
export interface SchemaNode {
  /** The merged schema (read-only: shared with the cached documents). */
  readonly schema: Readonly<Schema>;
  /** Name of the definition the last `$ref` pointed at (`io.k8s.api.core.v1.Container`), if any. */
  readonly definition: string | undefined;
  /** The schema's own `type` (`object`, `array`, `string`, `integer`, `number`, `boolean`), if it has one. */
  readonly type: string | undefined;
  /**
   * JSON types a value may have: `[type]`, or the alternatives of IntOrString (`integer`,
   * `string`) and Quantity (`string`, `number`); empty when any value is accepted.
   */
  readonly accepts: readonly string[];
  readonly format: string | undefined;
  readonly description: string | undefined;
  readonly default: unknown;
  readonly enum: readonly unknown[] | undefined;
  /** Fields a valid object must set (`required`). */
  readonly required: readonly string[];
  /** `x-kubernetes-list-type` (`atomic`, `set`, `map`); undefined on a list without it, which server-side apply treats as atomic. */
  readonly listType: 'atomic' | 'set' | 'map' | undefined;
  /** `x-kubernetes-list-map-keys` of a `map` list (empty otherwise). */
  readonly listMapKeys: readonly string[];
  /** `x-kubernetes-map-type` of a map or struct (`atomic`, `granular`). */
  readonly mapType: 'atomic' | 'granular' | undefined;
  /** `x-kubernetes-patch-strategy` (`merge`, `retainKeys`, `merge,retainKeys`) and `x-kubernetes-patch-merge-key`. */
  readonly patchStrategy: string | undefined;
  readonly patchMergeKey: string | undefined;
  /**
   * Fields not in `properties` are kept rather than unknown: `x-kubernetes-preserve-unknown-fields`,
   * or, for built-in kinds, a free-form object (no properties, no additionalProperties: RawExtension,
   * FieldsV1), which Go decodes whole. A map (additionalProperties) takes any key through `field`.
   */
  readonly preservesUnknownFields: boolean;
  /** Property names in the order the schema lists them ([] for maps and scalars). */
  fields(): string[];
  /** A property's schema; for a map, the value schema whatever the key; undefined for an unknown field. */
  field(name: string): SchemaNode | undefined;
  /** An array's element schema. */
  items(): SchemaNode | undefined;
  /** A map's value schema (`additionalProperties`). */
  values(): SchemaNode | undefined;
  /** Walks field names from here, stepping into array elements on the way (`['spec', 'containers', 'ports']`). */
  at(path: readonly string[]): SchemaNode | undefined;
}

export interface WalkOptions {
  /** Resolves `#/components/schemas/X` or `#/definitions/X`; without it a `$ref` stays unresolved. */
  resolve?: (ref: string) => Schema | undefined;
  /**
   * `preserve` (built-in kinds, the default): a free-form object keeps any field. `prune`
   * (CustomResourceDefinition structural schemas): only x-kubernetes-preserve-unknown-fields keeps them.
   */
  freeFormObjects?: 'preserve' | 'prune';
}

const isSchema = (v: unknown): v is Schema => typeof v === 'object' && v !== null && !Array.isArray(v);

function follow(raw: Schema, resolve: WalkOptions['resolve']): { schema: Schema; definition: string | undefined } {
  let schema = raw;
  let definition: string | undefined;
  // A definition may itself be a reference; kube-openapi never chains more than a couple.
  for (let hops = 0; hops < 8; hops++) {
    const allOf = schema.allOf;
    const ref = typeof schema.$ref === 'string' ? schema.$ref : Array.isArray(allOf) && allOf.length === 1 && isSchema(allOf[0]) && typeof allOf[0].$ref === 'string' ? allOf[0].$ref : undefined;
    const target = ref && resolve?.(ref);
    if (!ref || !target) break;
    const own = Object.fromEntries(Object.entries(schema).filter(([k]) => k !== '$ref' && k !== 'allOf'));
    schema = { ...target, ...own };
    definition = ref.slice(ref.lastIndexOf('/') + 1);
  }
  return { schema, definition };
}

function acceptedTypes(s: Schema): string[] {
  if (typeof s.type === 'string') return [s.type];
  if (s['x-kubernetes-int-or-string'] === true) return ['integer', 'string'];
  const alternatives = Array.isArray(s.oneOf) ? s.oneOf : Array.isArray(s.anyOf) ? s.anyOf : [];
  return alternatives.flatMap((a) => (isSchema(a) && typeof a.type === 'string' ? [a.type] : []));
}

class Node implements SchemaNode {
  readonly schema: Schema;
  readonly definition: string | undefined;
  private readonly children = new Map<string, SchemaNode | undefined>();

  constructor(raw: Schema, private readonly options: WalkOptions) {
    const { schema, definition } = follow(raw, options.resolve);
    this.schema = schema;
    this.definition = definition;
  }

  private str(key: string): string | undefined {
    const v = this.schema[key];
    return typeof v === 'string' ? v : undefined;
  }

  get type() { return this.str('type'); }
  get accepts() { return acceptedTypes(this.schema); }
  get format() { return this.str('format'); }
  get description() { return this.str('description'); }
  get default() { return this.schema.default; }
  get enum() { return Array.isArray(this.schema.enum) ? this.schema.enum : undefined; }
  get required() { return Array.isArray(this.schema.required) ? (this.schema.required as string[]) : []; }
  get listType() { return this.str('x-kubernetes-list-type') as SchemaNode['listType']; }
  get listMapKeys() { const k = this.schema['x-kubernetes-list-map-keys']; return Array.isArray(k) ? (k as string[]) : []; }
  get mapType() { return this.str('x-kubernetes-map-type') as SchemaNode['mapType']; }
  get patchStrategy() { return this.str('x-kubernetes-patch-strategy'); }
  get patchMergeKey() { return this.str('x-kubernetes-patch-merge-key'); }

  get preservesUnknownFields(): boolean {
    if (this.schema['x-kubernetes-preserve-unknown-fields'] === true) return true;
    if ((this.options.freeFormObjects ?? 'preserve') === 'prune') return false;
    const objectish = this.type === 'object' || this.accepts.length === 0;
    return objectish && !isSchema(this.schema.properties) && this.schema.additionalProperties === undefined;
  }

  fields(): string[] {
    return isSchema(this.schema.properties) ? Object.keys(this.schema.properties) : [];
  }

  private child(key: string, raw: unknown): SchemaNode | undefined {
    if (!this.children.has(key)) this.children.set(key, isSchema(raw) ? new Node(raw, this.options) : raw === true ? new Node({}, this.options) : undefined);
    return this.children.get(key);
  }

  field(name: string): SchemaNode | undefined {
    const props = this.schema.properties;
    if (isSchema(props) && Object.hasOwn(props, name)) return this.child(`.${name}`, props[name]);
    return this.values();
  }

  items(): SchemaNode | undefined {
    return this.child('[]', this.schema.items);
  }

  values(): SchemaNode | undefined {
    return this.child('{}', this.schema.additionalProperties);
  }

  at(path: readonly string[]): SchemaNode | undefined {
    if (path.length === 0) return this;
    if (this.type === 'array') return this.items()?.at(path);
    return this.field(path[0])?.at(path.slice(1));
  }
}

/** A walker over any OpenAPI schema: a built-in kind's (see schemaLookup.ts) or a CRD's openAPIV3Schema. */
export function walkSchema(schema: Schema, options: WalkOptions = {}): SchemaNode {
  return new Node(schema, options);
}
