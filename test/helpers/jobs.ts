/**
 * What the job-heavy integration suites (translations, lipsyncs, videos) share: a clean slate per
 * test, and readers for results, balance and the sandbox's request log.
 */
import { expect } from "vitest";
import { type CallResult, call, type Stack, TEST_KEY, textOf } from "./stack.js";

export const HOUR = 60 * 60_000;

/** Nothing left in flight from earlier tests (jobs finish within the hour) and a full wallet. */
export async function freshStart(stack: Stack): Promise<void> {
  stack.clock.advance(HOUR);
  await stack.admin.setBalance(TEST_KEY, 100);
}

/** The structured result of a call that must have succeeded; the failure shows the tool's text. */
export const ok = (res: CallResult) => {
  expect(res.isError, textOf(res)).toBeFalsy();
  return res.structuredContent ?? {};
};

export const balanceOf = async (stack: Stack) => ok(await call(stack, "get_current_user")).balance as number;

/** The last request the sandbox recorded for this method and path (or path test). */
export async function lastRequestOf(stack: Stack, method: string, path: string | ((path: string) => boolean)) {
  const matches = typeof path === "string" ? (p: string) => p === path : path;
  const found = (await stack.admin.requests()).filter((r) => r.method === method && matches(r.path)).at(-1);
  if (!found) throw new Error(`no ${method} ${typeof path === "string" ? path : "request"} recorded`);
  return found;
}

/** Calls the sandbox directly, for request shapes the tools never send. */
export async function rawRequest(
  stack: Stack,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const res = await fetch(`${stack.sandbox.url}${path}`, {
    method,
    headers: { "x-api-key": TEST_KEY, "content-type": "application/json", ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as { data?: unknown; error?: Record<string, unknown> } };
}
