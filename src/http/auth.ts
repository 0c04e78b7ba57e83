/**
 * Who is calling and which HeyGen credential a request uses. Decided once per request, before the MCP
 * handler runs, from that request's headers only: nothing is cached and no credential outlives its request.
 *
 * Rules (README "Remote endpoint"):
 * - With an endpoint auth token (--auth-token), `Authorization: Bearer <token>` belongs to the endpoint and
 *   is compared in constant time; the HeyGen credential then comes from the server key, else `X-Api-Key`.
 * - Without one, the caller's own credential: `X-Api-Key: <key>` first, else `Authorization: Bearer <token>`,
 *   forwarded to HeyGen as `Authorization: Bearer` (an OAuth access token) unless --bearer-as-api-key.
 * - A sandbox server falls back to the sandbox key when a request brings no credential.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { Credential } from "../client/index.js";
import { MIN_CREDENTIAL_LENGTH } from "../redact.js";

export interface AuthPolicy {
  /** sha256 of the endpoint's own token; when set every /mcp request must present the token. */
  authTokenHash?: Buffer;
  /** The server-wide HeyGen credential: used for every request, whatever the client sends. */
  serverCredential?: Credential;
  /** Used only when a request carries no credential of its own (sandbox mode). */
  fallbackCredential?: Credential;
  bearerAsApiKey: boolean;
}

export type AuthOutcome =
  | { ok: true; credential: Credential }
  | { ok: false; error: "missing_credential" | "invalid_token"; message: string };

type HeaderValue = string | string[] | undefined;

/** Lower-cased header names, as node:http gives them. */
export type AuthHeaders = Readonly<Record<string, HeaderValue>>;

const sha256 = (text: string): Buffer => createHash("sha256").update(text, "utf8").digest();

/** Hashing first gives both sides one length, so timingSafeEqual leaks neither content nor length. */
export function tokenMatches(expectedHash: Buffer, given: string): boolean {
  return timingSafeEqual(expectedHash, sha256(given));
}

/** A stable, non-reversible id for a credential (the limiter key), so the secret itself is never a map key. */
export function credentialId(credential: Credential): string {
  return sha256(`${credential.kind}:${credential.value}`).toString("hex").slice(0, 32);
}

// Visible ASCII only: anything else cannot be a HeyGen key or an OAuth token, and must not reach a header.
// Shorter than MIN_CREDENTIAL_LENGTH cannot be a key either, and could not be redacted without garbling text.
const TOKEN_TEXT = new RegExp(`^[\\x21-\\x7e]{${MIN_CREDENTIAL_LENGTH},4096}$`);
const MALFORMED = `must be ${MIN_CREDENTIAL_LENGTH}-4096 visible ASCII characters`;

function single(value: HeaderValue): string | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return v === undefined ? undefined : v.trim();
}

/** The bearer token; undefined when no Authorization was sent, null when it is not a usable Bearer. */
function bearerOf(authorization: string | undefined): string | null | undefined {
  if (authorization === undefined || authorization === "") return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(authorization);
  return match?.[1] && TOKEN_TEXT.test(match[1]) ? match[1] : null;
}

const MISSING_KEY_MESSAGE =
  "Send your HeyGen API key as 'X-Api-Key: <key>' (or an OAuth access token as 'Authorization: Bearer <token>').";
const MISSING_KEY_WITH_TOKEN_MESSAGE =
  "Send 'Authorization: Bearer <endpoint auth token>' and your HeyGen API key as 'X-Api-Key: <key>'.";

export function authorize(headers: AuthHeaders, policy: AuthPolicy): AuthOutcome {
  const bearer = bearerOf(single(headers.authorization));
  const apiKey = single(headers["x-api-key"]);
  if (apiKey !== undefined && apiKey !== "" && !TOKEN_TEXT.test(apiKey)) {
    return { ok: false, error: "invalid_token", message: `X-Api-Key ${MALFORMED}.` };
  }
  const ownKey: Credential | undefined = apiKey ? { kind: "api_key", value: apiKey } : undefined;

  if (policy.authTokenHash) {
    if (bearer === undefined) {
      return { ok: false, error: "missing_credential", message: MISSING_KEY_WITH_TOKEN_MESSAGE };
    }
    if (bearer === null || !tokenMatches(policy.authTokenHash, bearer)) {
      return { ok: false, error: "invalid_token", message: "The endpoint auth token is wrong." };
    }
    const credential = policy.serverCredential ?? ownKey ?? policy.fallbackCredential;
    return credential
      ? { ok: true, credential }
      : { ok: false, error: "missing_credential", message: MISSING_KEY_WITH_TOKEN_MESSAGE };
  }

  if (ownKey) return { ok: true, credential: ownKey };
  if (bearer === null) {
    return {
      ok: false,
      error: "invalid_token",
      message: `Authorization must be 'Bearer <token>'; the token ${MALFORMED}.`,
    };
  }
  if (bearer !== undefined) {
    return { ok: true, credential: { kind: policy.bearerAsApiKey ? "api_key" : "bearer", value: bearer } };
  }
  if (policy.fallbackCredential) return { ok: true, credential: policy.fallbackCredential };
  return { ok: false, error: "missing_credential", message: MISSING_KEY_MESSAGE };
}

export interface AuthSettings {
  apiKey?: string | undefined;
  authToken?: string | undefined;
  sandbox: boolean;
  bearerAsApiKey: boolean;
}

/** Why this configuration must not serve HTTP, or null. */
export function authStartupProblem(s: AuthSettings): string | null {
  if (s.apiKey && !s.sandbox && !s.authToken) {
    return "--http with a server-wide HEYGEN_API_KEY needs --auth-token (HEYGEN_MCP_AUTH_TOKEN), so only your clients spend that key";
  }
  return null;
}

export function authPolicy(s: AuthSettings, sandboxKey: string): AuthPolicy {
  const policy: AuthPolicy = { bearerAsApiKey: s.bearerAsApiKey };
  if (s.authToken) policy.authTokenHash = sha256(s.authToken);
  if (s.sandbox) policy.fallbackCredential = { kind: "api_key", value: sandboxKey };
  else if (s.apiKey) policy.serverCredential = { kind: "api_key", value: s.apiKey };
  return policy;
}
