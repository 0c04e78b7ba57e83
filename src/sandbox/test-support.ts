/**
 * Helpers for the sandbox's own tests: a started sandbox on a ManualClock, fetch wrappers, and
 * HeyGen's response schemas (../shared/heygen/operations.json, read at test time, never copied).
 */
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { Ajv, type ValidateFunction } from "ajv";
import { ManualClock } from "./clock.js";
import { type RunningSandbox, startSandbox } from "./index.js";

export const KEY = "hg_sandbox_test_key";
export const LOOK = "Abigail_expressive_2024112501";
export const VOICE = "46418db3beab335bc75fbb44ec110699";

export interface Harness {
  sandbox: RunningSandbox;
  clock: ManualClock;
  url: string;
  api(
    path: string,
    init?: { method?: string; body?: unknown; key?: string | null; headers?: Record<string, string> },
  ): Promise<Res>;
  admin(path: string, body?: unknown, method?: string): Promise<Res>;
}

export interface Res {
  status: number;
  headers: Headers;
  json: Record<string, unknown>;
  text: string;
}

async function toRes(r: Response): Promise<Res> {
  const text = await r.text();
  let json: Record<string, unknown> = {};
  try {
    json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    json = {};
  }
  return { status: r.status, headers: r.headers, json, text };
}

export async function startHarness(): Promise<Harness> {
  const clock = new ManualClock(Date.UTC(2026, 11, 3, 9, 0, 0));
  const sandbox = await startSandbox({ clock });
  const url = sandbox.url;
  return {
    sandbox,
    clock,
    url,
    async api(path, init = {}) {
      const headers: Record<string, string> = { ...init.headers };
      const key = init.key === undefined ? KEY : init.key;
      if (key !== null) headers["x-api-key"] = key;
      if (init.body !== undefined) headers["content-type"] = "application/json";
      const r = await fetch(`${url}${path}`, {
        method: init.method ?? (init.body === undefined ? "GET" : "POST"),
        headers,
        body:
          init.body === undefined ? undefined : typeof init.body === "string" ? init.body : JSON.stringify(init.body),
      });
      return toRes(r);
    },
    async admin(path, body, method) {
      const r = await fetch(`${url}/_sandbox/${path}`, {
        method: method ?? (body === undefined ? "GET" : "POST"),
        headers: body === undefined ? {} : { "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return toRes(r);
    },
  };
}

/** The `data` of an envelope, typed by the caller. */
export const dataOf = <T>(res: Res): T => res.json.data as T;

/** The `error` of an error envelope. */
export const errorOf = (res: Res) =>
  res.json.error as { code: string; message: string; param: string | null; doc_url: string | null };

export const avatarVideo = (extra: Record<string, unknown> = {}) => ({
  type: "avatar",
  avatar_id: LOOK,
  voice_id: VOICE,
  script: "Hello from the sandbox test suite. This is a short script.",
  title: "test video",
  ...extra,
});

export const OPERATIONS_PATH = resolve(process.cwd(), "../shared/heygen/operations.json");
export const hasOperations = existsSync(OPERATIONS_PATH);
// In CI a missing prerequisite fails the run: schema checks that skip themselves check nothing.
if (!hasOperations && process.env.CI === "true") {
  throw new Error(`HeyGen's schemas are missing at ${OPERATIONS_PATH}; CI needs ../shared beside the repository`);
}

interface Operation {
  method: string;
  path: string;
  response_schema: Record<string, unknown> | null;
}

/** Objects in responses are made strict so an invented field fails; discriminated oneOf → anyOf. */
function strict(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(strict);
  if (!schema || typeof schema !== "object") return schema;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schema)) {
    if (k === "discriminator") continue;
    out[k === "oneOf" ? "anyOf" : k] = k === "enum" || k === "default" ? v : strict(v);
  }
  if (out.type === "object" && out.properties && out.additionalProperties === undefined)
    out.additionalProperties = false;
  return out;
}

let ops: Operation[] | undefined;
const ajv = new Ajv({ strict: false, allErrors: true });

/** Validates `body` against HeyGen's response schema for the operation; returns error text or null. */
export function responseErrors(method: string, path: string, body: unknown): string | null {
  ops ??= (JSON.parse(readFileSync(OPERATIONS_PATH, "utf8")) as { operations: Operation[] }).operations;
  const op = ops.find((o) => o.method === method && o.path === path);
  if (!op?.response_schema) return `no response schema for ${method} ${path}`;
  const validate: ValidateFunction = ajv.compile(strict(op.response_schema) as Record<string, unknown>);
  return validate(body) ? null : JSON.stringify(validate.errors);
}
