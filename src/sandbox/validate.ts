/**
 * Request validation with zod. The first issue becomes 400 `invalid_parameter` whose `param` is the
 * dotted path of the field (array indices as segments, e.g. `scenes.0.input.avatar_id`); an unknown
 * field is reported by its own path. Body schemas should be `z.strictObject`.
 */
import type { z } from "zod";
import { type ApiError, badParam } from "./envelope.js";

type Issue = z.core.$ZodIssue;

const dotted = (path: readonly PropertyKey[]): string => path.map(String).join(".");

export function issueToError(issue: Issue): ApiError {
  const at = dotted(issue.path);
  const join = (key: string) => (at ? `${at}.${key}` : key);
  if (issue.code === "unrecognized_keys") {
    const key = issue.keys[0] ?? "";
    return badParam(join(key), `Unknown field '${join(key)}'.`);
  }
  if (issue.code === "invalid_union" && "discriminator" in issue && typeof issue.discriminator === "string") {
    const options = "options" in issue && Array.isArray(issue.options) ? issue.options.join(", ") : "";
    const param = at.endsWith(issue.discriminator) ? at : join(issue.discriminator);
    return badParam(param, `'${param}' must be one of: ${options}.`);
  }
  if (at === "") return badParam(null, `Invalid request body: ${issue.message}`);
  return badParam(at, `Invalid '${at}': ${issue.message}`);
}

/** Parses a JSON body against a schema or throws the first issue as a 400. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  if (body === undefined || body === null || typeof body !== "object" || Array.isArray(body)) {
    throw badParam(null, "Request body must be a JSON object.");
  }
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const first = result.error.issues[0];
  throw first ? issueToError(first) : badParam(null, "Invalid request body.");
}

/** A query value restricted to `values`; 400 with the param name otherwise. */
export function queryEnum<T extends string>(query: URLSearchParams, name: string, values: readonly T[]): T | undefined {
  const raw = query.get(name);
  if (raw === null) return undefined;
  if ((values as readonly string[]).includes(raw)) return raw as T;
  throw badParam(name, `${name} must be one of: ${values.join(", ")}.`);
}

/** A free-text query value; 400 when present but shorter than `minLength`. */
export function queryText(query: URLSearchParams, name: string, minLength = 1): string | undefined {
  const raw = query.get(name);
  if (raw === null) return undefined;
  if (raw.length < minLength) throw badParam(name, `${name} must be at least ${minLength} character(s) when given.`);
  return raw;
}

/** Exactly one of `fields` must be non-null in `obj`; names the offending field. */
export function exactlyOne(obj: Record<string, unknown>, fields: readonly string[], prefix = ""): string {
  const given = fields.filter((f) => obj[f] !== undefined && obj[f] !== null);
  const name = (f: string) => `${prefix}${f}`;
  if (given.length === 1 && given[0] !== undefined) return given[0];
  const list = fields.map(name).join(", ");
  if (given.length === 0) throw badParam(name(fields[0] ?? ""), `Provide exactly one of ${list}.`);
  throw badParam(name(given[1] ?? ""), `Provide exactly one of ${list}; they are mutually exclusive.`);
}
