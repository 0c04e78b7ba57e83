/**
 * The one redactor for credentials. Every string that leaves the process (tool results, error bodies,
 * log lines) passes through it, so an upstream that echoes a key cannot leak it, whatever form the echo
 * takes: any letter case, JSON escapes (\u0041, \"), URL encoding (%41), HTML character references, or
 * base64/base64url at any byte alignment. Callers redact before they truncate: a cut made first would
 * leave all but the last characters of a key behind.
 */

export const REDACTED = "[redacted]";

// Secrets shorter than this are not searched for: matching them would garble text without protecting a
// credential, since no credential that short is ever sent.
const MIN_REDACTED_LENGTH = 4;

/**
 * Shorter credentials are refused where they enter (HTTP headers, the client), because the redactor could
 * not find them without turning every matching word into [redacted]. The floor is the redactor's own, not
 * the length of a real HeyGen key: short stand-in keys in tests and against HeyGen-compatible servers work,
 * and are still redacted everywhere.
 */
export const MIN_CREDENTIAL_LENGTH = MIN_REDACTED_LENGTH;
const MAX_CACHED_PATTERNS = 256;

const hex = (n: number, width: number) => n.toString(16).padStart(width, "0");
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

/** Every way one character of a secret may be spelled in text we did not write. */
function characterForms(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  const forms = [escapeRegExp(ch), `&#${code};`, `&#x0*${hex(code, 1)};`];
  // JSON escapes: \u and four hex digits for anything, plus the short forms JSON.stringify writes.
  if (code <= 0xffff) forms.push(`\\\\u${hex(code, 4)}`);
  if (ch === '"' || ch === "\\" || ch === "/") forms.push(`\\\\${escapeRegExp(ch)}`);
  // URL encoding: the UTF-8 bytes as %XX; a space may also be "+".
  forms.push([...Buffer.from(ch, "utf8")].map((b) => `%${hex(b, 2)}`).join(""));
  if (ch === " ") forms.push("\\+");
  return `(?:${forms.join("|")})`;
}

/**
 * The base64 text that encodes the secret wherever it sits in a longer payload: for each of the three
 * byte alignments, the run of characters whose six bits all come from the secret.
 */
function base64Forms(secret: string): string[] {
  const key = Buffer.from(secret, "utf8");
  const forms = new Set<string>();
  for (let offset = 0; offset < 3; offset++) {
    const text = Buffer.concat([Buffer.alloc(offset), key]).toString("base64");
    const first = Math.ceil((offset * 8) / 6);
    const last = Math.floor(((offset + key.length) * 8) / 6);
    const run = text.slice(first, last);
    if (run.length >= MIN_REDACTED_LENGTH) {
      forms.add(run);
      forms.add(run.replace(/\+/g, "-").replace(/\//g, "_"));
    }
  }
  return [...forms];
}

const patterns = new Map<string, RegExp>();

function patternFor(secret: string): RegExp {
  let pattern = patterns.get(secret);
  if (!pattern) {
    const spelled = [...secret].map(characterForms).join("");
    const alternatives = [spelled, ...base64Forms(secret).map(escapeRegExp)];
    pattern = new RegExp(alternatives.join("|"), "gi");
    if (patterns.size >= MAX_CACHED_PATTERNS) patterns.delete(patterns.keys().next().value as string);
    patterns.set(secret, pattern);
  }
  return pattern;
}

/** The text with every form of every secret replaced by [redacted]. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length < MIN_REDACTED_LENGTH) continue;
    out = out.replace(patternFor(secret), REDACTED);
  }
  return out;
}

/** The same for a JSON-like value: every string, and every object key, at any depth. */
export function redactSecretsDeep<T>(value: T, secrets: readonly string[]): T {
  const live = secrets.filter((s) => s.length >= MIN_REDACTED_LENGTH);
  if (live.length === 0) return value;
  const walk = (v: unknown): unknown => {
    if (typeof v === "string") return redactSecrets(v, live);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === "object") {
      return Object.fromEntries(Object.entries(v).map(([k, inner]) => [redactSecrets(k, live), walk(inner)]));
    }
    return v;
  };
  return walk(value) as T;
}

/** Why a credential cannot be sent, or null: it must fit in a header and be long enough to redact. */
export function credentialProblem(value: string): string | null {
  if (!/^[\x21-\x7e]+$/.test(value)) {
    return "The HeyGen credential contains characters an HTTP header cannot carry (a space, line break or non-ASCII letter); copy the key again.";
  }
  if (value.length < MIN_CREDENTIAL_LENGTH) {
    return `The HeyGen credential is shorter than ${MIN_CREDENTIAL_LENGTH} characters, too short to keep out of results and logs; copy the key again.`;
  }
  return null;
}
