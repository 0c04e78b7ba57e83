/**
 * HeyGen's own request and response schemas (../shared/heygen/operations.json), read at test time and
 * never copied into the repository. The generator that produced them dropped `const` and
 * `additionalProperties`, so request objects are made strict here (an invented field fails) and
 * discriminated oneOfs become anyOf (arms no longer exclusive without their `const`).
 */
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { Ajv, type ValidateFunction } from "ajv";

export const OPERATIONS_PATH = resolve(process.cwd(), "../shared/heygen/operations.json");
export const hasOperations = existsSync(OPERATIONS_PATH);
// In CI a missing prerequisite fails the run: schema checks that skip themselves check nothing.
if (!hasOperations && process.env.CI === "true") {
  throw new Error(`HeyGen's schemas are missing at ${OPERATIONS_PATH}; CI needs ../shared beside the repository`);
}

interface Operation {
  method: string;
  path: string;
  request_schema: Record<string, unknown> | null;
  response_schema: Record<string, unknown> | null;
  request_body_encoding: string | null;
  query_params: { name: string; type: string; enum?: string[]; minimum?: number; maximum?: number }[];
}

/**
 * Operations the catalog documents from another HeyGen spec (HyperFrames, catalog §2.10) that
 * operations.json lacks: paths and query params only, so requests are matched but no schema is
 * checked (their integration tests check the catalog's response shapes instead).
 */
const CATALOG_ONLY: Operation[] = [
  ["POST", "/v3/hyperframes/renders", []],
  ["GET", "/v3/hyperframes/renders", ["limit", "token"]],
  ["GET", "/v3/hyperframes/renders/{render_id}", []],
  ["DELETE", "/v3/hyperframes/renders/{render_id}", []],
].map(([method, path, query]) => ({
  method: method as string,
  path: path as string,
  request_schema: null,
  response_schema: null,
  request_body_encoding: method === "POST" ? "json" : null,
  query_params: (query as string[]).map((name) => ({ name, type: "string" })),
}));

let operations: Operation[] | undefined;
export function heygenOperations(): Operation[] {
  operations ??= [
    ...(JSON.parse(readFileSync(OPERATIONS_PATH, "utf8")) as { operations: Operation[] }).operations,
    ...CATALOG_ONLY,
  ];
  return operations;
}

type Schema = Record<string, unknown>;

function normalize(schema: unknown, strict: boolean): unknown {
  if (Array.isArray(schema)) return schema.map((s) => normalize(s, strict));
  if (!schema || typeof schema !== "object") return schema;
  const out: Schema = {};
  for (const [k, v] of Object.entries(schema as Schema)) {
    if (k === "discriminator") continue;
    out[k === "oneOf" ? "anyOf" : k] = k === "enum" || k === "default" ? v : normalize(v, strict);
  }
  // An object with no declared properties is a free-form map (e.g. template `variables`), not an empty object.
  const declares = !!out.properties && Object.keys(out.properties as Schema).length > 0;
  if (strict && out.type === "object" && declares && out.additionalProperties === undefined) {
    out.additionalProperties = false;
  }
  // Ajv reads OpenAPI's `nullable` only beside a `type`; a nullable union becomes "that, or null".
  if (out.nullable === true && out.type === undefined) {
    const { nullable: _nullable, description, ...rest } = out;
    return { description, anyOf: [rest, { type: "null" }] };
  }
  return out;
}

const ajv = new Ajv({ strict: false, allErrors: false });
const cache = new Map<string, ValidateFunction>();

export function validatorFor(method: string, path: string, part: "request" | "response"): ValidateFunction | null {
  const key = `${method} ${path} ${part}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const op = heygenOperations().find((o) => o.method === method && o.path === path);
  const schema = part === "request" ? op?.request_schema : op?.response_schema;
  if (!schema) return null;
  const validate = ajv.compile(normalize(schema, part === "request") as Schema);
  cache.set(key, validate);
  return validate;
}

/** Matches a concrete path (/v3/videos/abc) to HeyGen's templated one (/v3/videos/{video_id}). */
export function templateFor(method: string, concretePath: string): string | null {
  const parts = concretePath.split("/");
  const candidates = heygenOperations().filter((o) => o.method === method && o.path.split("/").length === parts.length);
  const score = (tpl: string) => tpl.split("/").filter((seg, i) => seg === parts[i]).length;
  const matching = candidates.filter((o) =>
    o.path.split("/").every((seg, i) => seg === parts[i] || (seg.startsWith("{") && parts[i] !== "")),
  );
  matching.sort((a, b) => score(b.path) - score(a.path));
  return matching[0]?.path ?? null;
}
