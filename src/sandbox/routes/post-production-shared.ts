/**
 * What AI clipping and background removal share (see post-production.ts): on-purpose failures and
 * the expiry of their signed output links.
 */
import { toUnixSeconds } from "../clock.js";
import { FAIL_MARKER } from "../jobs.js";

const URL_TTL_S = 7 * 24 * 3600;

export const failureFor = (what: string, failed: boolean) =>
  failed ? { code: `${what}_failed`, message: `The sandbox failed this job on purpose (${FAIL_MARKER}).` } : null;

export const expiresIn = (now: number) => String(toUnixSeconds(now) + URL_TTL_S);
