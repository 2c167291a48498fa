import { stringify } from 'yaml';
import type { Schema } from './builtinSpec.ts';

/**
 * The /openapi/v2 document as gnostic's openapi.v2.Document protobuf
 * (`application/com.github.proto-openapi.spec.v2@v1.0+protobuf`), the only form client-go's
 * OpenAPISchema() asks for: kubectl's client-side validation and
 * `kubectl explain --output=plaintext-openapiv2` read it. Field numbers are those of
 * gnostic's openapiv2/OpenAPIv2.proto (read from the descriptor compiled into kubectl 1.32).
 * Values gnostic keeps as `Any` (defaults, enum values, x- extensions) carry their YAML text.
 */

class ProtoWriter {
  private readonly chunks: Uint8Array[] = [];

  private varint(n: number): void {
    const bytes: number[] = [];
    let v = BigInt(n) & 0xffffffffffffffffn;
    do {
      let b = Number(v & 0x7fn);
      v >>= 7n;
      if (v) b |= 0x80;
      bytes.push(b);
    } while (v);
    this.chunks.push(Uint8Array.from(bytes));
  }

  private tag(field: number, wire: number): void {
    this.varint(field * 8 + wire);
  }

  bytes(field: number, value: Uint8Array): void {
    this.tag(field, 2);
    this.varint(value.length);
    this.chunks.push(value);
  }

  string(field: number, value: string): void {
    this.bytes(field, Buffer.from(value, 'utf8'));
  }

  bool(field: number, value: boolean): void {
    this.tag(field, 0);
    this.varint(value ? 1 : 0);
  }

  int(field: number, value: number): void {
    this.tag(field, 0);
    this.varint(value);
  }

  double(field: number, value: number): void {
    const b = Buffer.alloc(8);
    b.writeDoubleLE(value);
    this.tag(field, 1);
    this.chunks.push(b);
  }

  message(field: number, build: (w: ProtoWriter) => void): void {
    const inner = new ProtoWriter();
    build(inner);
    this.bytes(field, inner.finish());
  }

  finish(): Uint8Array {
    return Buffer.concat(this.chunks);
  }
}

type Kind = 'string' | 'bool' | 'double' | 'int' | 'strings' | 'any' | 'anys' | ((w: ProtoWriter, field: number, value: unknown) => void);
/** JSON key -> [field number, how to write it]; `ext` is the field of the message's NamedAny vendor extensions. */
interface Spec {
  fields: Record<string, [number, Kind]>;
  ext?: number;
}

const anyYaml = (w: ProtoWriter, field: number, value: unknown) => w.message(field, (a) => a.string(2, stringify(value)));

function write(w: ProtoWriter, spec: Spec, json: Schema): void {
  for (const [key, value] of Object.entries(json)) {
    if (key.startsWith('x-') && spec.ext) {
      w.message(spec.ext, (n) => {
        n.string(1, key);
        anyYaml(n, 2, value);
      });
      continue;
    }
    const f = spec.fields[key];
    if (!f || value === undefined || value === null) continue;
    const [num, kind] = f;
    if (kind === 'string') w.string(num, String(value));
    else if (kind === 'bool') w.bool(num, Boolean(value));
    else if (kind === 'double') w.double(num, Number(value));
    else if (kind === 'int') w.int(num, Number(value));
    else if (kind === 'strings') for (const s of value as string[]) w.string(num, s);
    else if (kind === 'any') anyYaml(w, num, value);
    else if (kind === 'anys') for (const v of value as unknown[]) anyYaml(w, num, v);
    else kind(w, num, value);
  }
}

const msg = (spec: () => Spec) => (w: ProtoWriter, field: number, value: unknown) => w.message(field, (m) => write(m, spec(), value as Schema));
const msgs = (spec: () => Spec) => (w: ProtoWriter, field: number, value: unknown) => {
  for (const v of value as Schema[]) w.message(field, (m) => write(m, spec(), v));
};
/** A JSON object of named values -> a message with `repeated Named* additional_properties = field`. */
const named = (inner: (w: ProtoWriter, field: number, value: unknown) => void, entriesField = 1) => (w: ProtoWriter, field: number, value: unknown) =>
  w.message(field, (m) => {
    for (const [name, v] of Object.entries(value as Schema)) {
      m.message(entriesField, (n) => {
        n.string(1, name);
        inner(n, 2, v);
      });
    }
  });

const SCHEMA: Spec = {
  ext: 31,
  fields: {
    $ref: [1, 'string'], format: [2, 'string'], title: [3, 'string'], description: [4, 'string'], default: [5, 'any'],
    multipleOf: [6, 'double'], maximum: [7, 'double'], exclusiveMaximum: [8, 'bool'], minimum: [9, 'double'], exclusiveMinimum: [10, 'bool'],
    maxLength: [11, 'int'], minLength: [12, 'int'], pattern: [13, 'string'], maxItems: [14, 'int'], minItems: [15, 'int'], uniqueItems: [16, 'bool'],
    maxProperties: [17, 'int'], minProperties: [18, 'int'], required: [19, 'strings'], enum: [20, 'anys'],
    additionalProperties: [21, (w, f, v) => w.message(f, (m) => (typeof v === 'boolean' ? m.bool(2, v) : m.message(1, (s) => write(s, SCHEMA, v as Schema))))],
    type: [22, (w, f, v) => w.message(f, (m) => [v].flat().forEach((t) => m.string(1, String(t))))],
    items: [23, (w, f, v) => w.message(f, (m) => [v].flat().forEach((s) => m.message(1, (x) => write(x, SCHEMA, s as Schema))))],
    allOf: [24, msgs(() => SCHEMA)],
    properties: [25, named(msg(() => SCHEMA))],
    discriminator: [26, 'string'], readOnly: [27, 'bool'], example: [30, 'any'],
  },
};

const PRIMITIVE_FIELDS = (base: number): Spec['fields'] => ({
  type: [base, 'string'], format: [base + 1, 'string'], collectionFormat: [base + 3, 'string'], default: [base + 4, 'any'],
  maximum: [base + 5, 'double'], exclusiveMaximum: [base + 6, 'bool'], minimum: [base + 7, 'double'], exclusiveMinimum: [base + 8, 'bool'],
  maxLength: [base + 9, 'int'], minLength: [base + 10, 'int'], pattern: [base + 11, 'string'], maxItems: [base + 12, 'int'], minItems: [base + 13, 'int'],
  uniqueItems: [base + 14, 'bool'], enum: [base + 15, 'anys'], multipleOf: [base + 16, 'double'],
});
const COMMON = { required: [1, 'bool'], in: [2, 'string'], description: [3, 'string'], name: [4, 'string'] } satisfies Spec['fields'];
const QUERY: Spec = { ext: 23, fields: { ...COMMON, allowEmptyValue: [5, 'bool'], ...PRIMITIVE_FIELDS(6) } };
const PATH: Spec = { ext: 22, fields: { ...COMMON, ...PRIMITIVE_FIELDS(5) } };
const BODY: Spec = { ext: 6, fields: { description: [1, 'string'], name: [2, 'string'], in: [3, 'string'], required: [4, 'bool'], schema: [5, msg(() => SCHEMA)] } };

/** Parameter: oneof body_parameter = 1 / non_body_parameter = 2 (query = 3, path = 4 in NonBodyParameter). */
function parameter(w: ProtoWriter, field: number, value: unknown): void {
  const p = value as Schema;
  w.message(field, (m) => {
    if (p.in === 'body') m.message(1, (b) => write(b, BODY, p));
    else m.message(2, (n) => n.message(p.in === 'path' ? 4 : 3, (s) => write(s, p.in === 'path' ? PATH : QUERY, p)));
  });
}

/** ParametersItem: oneof parameter = 1 / json_reference = 2. */
const parametersItems = (w: ProtoWriter, field: number, value: unknown) => {
  for (const p of value as Schema[]) w.message(field, (m) => (typeof p.$ref === 'string' ? m.message(2, (r) => r.string(1, p.$ref as string)) : parameter(m, 1, p)));
};

const RESPONSE: Spec = { ext: 5, fields: { description: [1, 'string'], schema: [2, (w, f, v) => w.message(f, (m) => m.message(1, (s) => write(s, SCHEMA, v as Schema)))] } };
/** Responses: repeated NamedResponseValue response_code = 1, each ResponseValue{response = 1}. */
const responses = (w: ProtoWriter, field: number, value: unknown) =>
  w.message(field, (m) => {
    for (const [code, r] of Object.entries(value as Schema)) m.message(1, (n) => { n.string(1, code); n.message(2, (v) => v.message(1, (x) => write(x, RESPONSE, r as Schema))); });
  });

const OPERATION: Spec = {
  ext: 13,
  fields: { tags: [1, 'strings'], summary: [2, 'string'], description: [3, 'string'], operationId: [5, 'string'], produces: [6, 'strings'], consumes: [7, 'strings'], parameters: [8, parametersItems], responses: [9, responses], schemes: [10, 'strings'], deprecated: [11, 'bool'] },
};
const PATH_ITEM: Spec = {
  ext: 10,
  fields: { $ref: [1, 'string'], get: [2, msg(() => OPERATION)], put: [3, msg(() => OPERATION)], post: [4, msg(() => OPERATION)], delete: [5, msg(() => OPERATION)], options: [6, msg(() => OPERATION)], head: [7, msg(() => OPERATION)], patch: [8, msg(() => OPERATION)], parameters: [9, parametersItems] },
};

/** SecurityRequirement list: each {name: [scopes]} -> NamedStringArray entries. */
const security = (w: ProtoWriter, field: number, value: unknown) => {
  for (const req of value as Record<string, string[]>[]) w.message(field, (m) => Object.entries(req).forEach(([name, scopes]) => m.message(1, (n) => { n.string(1, name); n.message(2, (a) => scopes.forEach((s) => a.string(1, s))); })));
};
const API_KEY: Spec = { ext: 5, fields: { type: [1, 'string'], name: [2, 'string'], in: [3, 'string'], description: [4, 'string'] } };

const DOCUMENT: Spec = {
  ext: 16,
  fields: {
    swagger: [1, 'string'],
    info: [2, msg(() => ({ ext: 7, fields: { title: [1, 'string'], version: [2, 'string'], description: [3, 'string'] } }))],
    paths: [8, named(msg(() => PATH_ITEM), 2)],
    definitions: [9, named(msg(() => SCHEMA))],
    parameters: [10, named(parameter)],
    security: [12, security],
    // Kubernetes declares one apiKey scheme (BearerToken): SecurityDefinitionsItem.api_key_security = 2.
    securityDefinitions: [13, named((w, f, v) => w.message(f, (m) => m.message(2, (k) => write(k, API_KEY, v as Schema))))],
  },
};

export function swaggerProtobuf(document: Schema): Uint8Array {
  const w = new ProtoWriter();
  write(w, DOCUMENT, document);
  return w.finish();
}
