/**
 * JSON-lines logger on stderr with a redactor that every record passes through.
 * stdout belongs to the MCP protocol in stdio mode, so nothing here ever writes there.
 */
import { REDACTED, redactSecrets } from "./redact.js";

export type LogLevel = "error" | "warn" | "info" | "debug";
export const LOG_LEVELS: readonly LogLevel[] = ["error", "warn", "info", "debug"];

export interface Logger {
  error(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  debug(msg: string, fields?: Record<string, unknown>): void;
  /** A logger that also redacts these secrets (e.g. a per-request credential in HTTP mode). */
  withSecrets(...secrets: (string | undefined)[]): Logger;
}

const SECRET_KEYS = /^(x-api-key|authorization|api_?key|apikey|secret|token|password|credential)$/i;
// Presigned URLs carry credentials in their query string; webhook secrets start with whsec_.
const PRESIGNED_QUERY = /(https?:\/\/[^\s"'?]+)\?[^\s"']*/g;
const WEBHOOK_SECRET = /whsec_[A-Za-z0-9+/=_-]+/g;

/** Credentials in every form (redact.ts), then what only logs hide: presigned queries, webhook secrets. */
export function redactText(text: string, secrets: readonly string[]): string {
  return redactSecrets(text, secrets).replace(PRESIGNED_QUERY, `$1?${REDACTED}`).replace(WEBHOOK_SECRET, REDACTED);
}

export function redactValue(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === "string") return redactText(value, secrets);
  if (Array.isArray(value)) return value.map((v) => redactValue(v, secrets));
  if (value instanceof Error) return redactText(value.stack ?? value.message, secrets);
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[redactText(k, secrets)] = SECRET_KEYS.test(k) ? REDACTED : redactValue(v, secrets);
    }
    return out;
  }
  return value;
}

export interface LoggerOptions {
  level: LogLevel;
  secrets?: (string | undefined)[];
  write?: (line: string) => void;
}

export function createLogger({ level, secrets = [], write }: LoggerOptions): Logger {
  const sink = write ?? ((line: string) => process.stderr.write(line));
  const threshold = LOG_LEVELS.indexOf(level);
  const known = secrets.filter((s): s is string => typeof s === "string" && s.length > 0);
  const emit = (lvl: LogLevel, msg: string, fields?: Record<string, unknown>) => {
    if (LOG_LEVELS.indexOf(lvl) > threshold) return;
    const record = redactValue({ t: new Date().toISOString(), level: lvl, msg, ...fields }, known);
    sink(`${JSON.stringify(record)}\n`);
  };
  return {
    error: (msg, fields) => emit("error", msg, fields),
    warn: (msg, fields) => emit("warn", msg, fields),
    info: (msg, fields) => emit("info", msg, fields),
    debug: (msg, fields) => emit("debug", msg, fields),
    withSecrets: (...more) => createLogger({ level, secrets: [...known, ...more], write: sink }),
  };
}

export const silentLogger: Logger = createLogger({ level: "error", write: () => {} });
