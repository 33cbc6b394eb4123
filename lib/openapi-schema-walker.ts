// Walks a JSON Schema of an OpenAPI 3.1 document (as zod's toJSONSchema writes it, with $ref into
// components.schemas) and flattens it into the rows of a field table: path, type, required, description,
// constraints and the condition under which a field of a union variant applies. Used by the API reference
// page (app/api-docs/page.tsx); pure, so it is tested on its own (openapi-schema-walker.test.ts).

export type Schema = {
  $ref?: string;
  type?: string | string[];
  format?: string;
  description?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  oneOf?: Schema[];
  anyOf?: Schema[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
};
export type Schemas = Record<string, Schema>;

export type SchemaRow = { path: string; type: string; required: boolean; description: string; constraints: string[]; condition: string | null };

export const refName = (ref: string) => ref.slice(ref.lastIndexOf("/") + 1);

function resolve(s: Schema, schemas: Schemas): { schema: Schema; name?: string } {
  if (!s.$ref) return { schema: s };
  const name = refName(s.$ref);
  return { schema: { ...schemas[name], ...(s.description ? { description: s.description } : {}) }, name };
}

const isObjectish = (s: Schema, schemas: Schemas): boolean =>
  (s.type === "object" && !!s.properties) || (s.oneOf ?? []).some((v) => resolve(v, schemas).schema.type === "object");

/** The single value a variant fixes for a property (`enum: [x]` or `const`). */
function fixedValue(s: Schema | undefined): unknown {
  if (!s) return undefined;
  if (s.const !== undefined) return s.const;
  return s.enum?.length === 1 ? s.enum[0] : undefined;
}

function typeLabel(s: Schema, schemas: Schemas, name?: string): string {
  if (name === "RefusalCode") return "理由コード（下の一覧）";
  if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(" | ");
  if (s.const !== undefined) return JSON.stringify(s.const);
  const alts = s.anyOf ?? s.oneOf;
  if (alts && !isObjectish(s, schemas)) return alts.map((v) => typeLabel(resolve(v, schemas).schema, schemas, resolve(v, schemas).name)).join(" または ");
  if (s.type === "array" && s.items) {
    const item = resolve(s.items, schemas);
    return `${isObjectish(item.schema, schemas) ? "object" : typeLabel(item.schema, schemas, item.name)} の配列`;
  }
  if (alts) return "object";
  return `${Array.isArray(s.type) ? s.type.join(" | ") : (s.type ?? "any")}${s.format ? `（${s.format}）` : ""}`;
}

function range(min: number | undefined, max: number | undefined, unit: string): string | null {
  if (min !== undefined && max !== undefined) return `${min}〜${max}${unit}`;
  if (min !== undefined) return `${min}${unit}以上`;
  if (max !== undefined) return `${max}${unit}以下`;
  return null;
}

function constraintsOf(s: Schema): string[] {
  const out = [range(s.minLength, s.maxLength, "文字"), range(s.minimum, s.maximum, ""), range(s.minItems, s.maxItems, "件")];
  if (s.pattern) out.push(`パターン ${s.pattern}`);
  if (s.default !== undefined) out.push(typeof s.default === "object" && s.default !== null ? "省略可（各項目の既定値）" : `省略時 ${JSON.stringify(s.default)}`);
  return out.filter((x): x is string => x !== null);
}

const joinPath = (prefix: string, key: string) => (prefix ? `${prefix}.${key}` : key);
const andCondition = (a: string | null, b: string) => (a ? `${a} かつ ${b}` : b);

function visitProperty(key: string, parent: Schema, prefix: string, condition: string | null, rows: SchemaRow[], schemas: Schemas) {
  const path = joinPath(prefix, key);
  const { schema: s, name } = resolve(parent.properties![key], schemas);
  rows.push({ path, type: typeLabel(s, schemas, name), required: (parent.required ?? []).includes(key), description: s.description ?? "", constraints: constraintsOf(s), condition });
  if (isObjectish(s, schemas)) visitObject(s, path, condition, rows, schemas);
  else if (s.type === "array" && s.items && isObjectish(resolve(s.items, schemas).schema, schemas)) visitObject(resolve(s.items, schemas).schema, `${path}[]`, condition, rows, schemas);
}

/**
 * Flattens an object schema into rows. A union of objects (zod discriminated union) is listed once: the
 * properties all variants share, then each variant's own ones under the condition of the discriminator.
 */
function visitObject(raw: Schema, prefix: string, condition: string | null, rows: SchemaRow[], schemas: Schemas) {
  const schema = resolve(raw, schemas).schema;
  if (!schema.oneOf) {
    for (const key of Object.keys(schema.properties ?? {})) visitProperty(key, schema, prefix, condition, rows, schemas);
    return;
  }
  const variants = schema.oneOf.map((v) => resolve(v, schemas).schema);
  const keys = [...new Set(variants.flatMap((v) => Object.keys(v.properties ?? {})))];
  const discriminator = keys.find((k) => variants.every((v) => fixedValue(v.properties?.[k]) !== undefined));
  for (const key of keys) {
    if (key === discriminator) {
      const values = variants.map((v) => JSON.stringify(fixedValue(v.properties![key]))).join(" | ");
      rows.push({ path: joinPath(prefix, key), type: values, required: true, description: "種別（値ごとの項目は条件欄を参照）", constraints: [], condition });
      continue;
    }
    const present = variants.filter((v) => v.properties?.[key]);
    const signature = (v: Schema) => JSON.stringify([v.properties![key], (v.required ?? []).includes(key)]);
    if (present.length === variants.length && present.every((v) => signature(v) === signature(present[0]))) {
      visitProperty(key, present[0], prefix, condition, rows, schemas);
    } else {
      for (const v of present) {
        const when = discriminator ? `${joinPath(prefix, discriminator)} = ${JSON.stringify(fixedValue(v.properties![discriminator]))}` : "いずれかの形";
        visitProperty(key, v, prefix, andCondition(condition, when), rows, schemas);
      }
    }
  }
}

/** The rows of an object schema (or a union of objects), in the order of its properties. */
export function schemaRows(schema: Schema, schemas: Schemas): SchemaRow[] {
  const rows: SchemaRow[] = [];
  visitObject(schema, "", null, rows, schemas);
  return rows;
}
