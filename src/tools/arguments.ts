/**
 * Checks on tool arguments that no schema expresses: bytes that cannot be sent on (a lone surrogate makes
 * encodeURIComponent and every UTF-8 encoder throw; a bad %-escape makes a URL undecodable) and key names
 * that mean something to JavaScript objects. Each becomes invalid_parameter naming the field, instead of
 * an internal_error after a HeyGen call, or a key silently dropped by the parser.
 */

/**
 * What the transports rename an own "__proto__" key to (http/body.ts, stdio-lines.ts): the SDK's schema
 * parsing would otherwise drop it before any check could refuse it.
 */
export const PROTO_KEY_MARKER = "[__proto__]";
/** Renames own __proto__ keys of freshly parsed JSON, at any depth, to the marker; returns whether any was. */
export function markProtoKeys(value: unknown): boolean {
  let marked = false;
  if (Array.isArray(value)) {
    for (const item of value) marked = markProtoKeys(item) || marked;
  } else if (value !== null && typeof value === "object") {
    const own = Object.getOwnPropertyDescriptor(value, "__proto__");
    if (own) {
      Reflect.deleteProperty(value, "__proto__");
      (value as Record<string, unknown>)[PROTO_KEY_MARKER] = own.value;
      marked = true;
    }
    for (const inner of Object.values(value)) marked = markProtoKeys(inner) || marked;
  }
  return marked;
}

/** Names a JSON object may carry but a plain-object schema would drop or an object merge would misuse. */
const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype", PROTO_KEY_MARKER]);
/** How much of a caller-chosen name or path an error echoes back. */
const MAX_ECHO = 64;
const HTTP_URL = /^https?:\/\//i;
const BAD_PERCENT_ESCAPE = /%(?![0-9a-f]{2})/i;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export interface ArgumentProblem {
  param: string;
  message: string;
}

/** Caller-chosen text echoed in an error, cut so a huge name cannot fill the model's context. */
export function echoed(text: string, max = MAX_ECHO): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max).join("")}… (${chars.length} characters)`;
}

function stringProblem(value: string): string | null {
  if (LONE_SURROGATE.test(value)) return "contains malformed Unicode (a lone surrogate)";
  if (HTTP_URL.test(value) && BAD_PERCENT_ESCAPE.test(value)) return "contains a % not followed by two hex digits";
  return null;
}

/** The first argument, at any depth, that cannot be sent on; null when all are clean. */
export function argumentProblem(args: unknown, path: readonly string[] = []): ArgumentProblem | null {
  const here = () => echoed(path.join(".") || "arguments");
  if (typeof args === "string") {
    const problem = stringProblem(args);
    return problem ? { param: here(), message: `${here()}: ${problem}` } : null;
  }
  if (Array.isArray(args)) {
    for (const [i, item] of args.entries()) {
      const found = argumentProblem(item, [...path, String(i)]);
      if (found) return found;
    }
    return null;
  }
  if (args === null || typeof args !== "object") return null;
  for (const [rawKey, value] of Object.entries(args)) {
    const key = rawKey === PROTO_KEY_MARKER ? "__proto__" : rawKey;
    const name = [...path, key].join(".");
    if (FORBIDDEN_KEYS.has(rawKey)) {
      return { param: echoed(name), message: `argument name "${key}" is not allowed` };
    }
    if (LONE_SURROGATE.test(key)) {
      return { param: echoed(name), message: `argument name ${echoed(name)} contains malformed Unicode` };
    }
    const found = argumentProblem(value, [...path, key]);
    if (found) return found;
  }
  return null;
}
