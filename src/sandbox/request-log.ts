/** Every /v3 request the sandbox received, in order, for `GET /_sandbox/requests`. */

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  /** X-Api-Key value, or null */
  api_key: string | null;
  /** Bearer token from Authorization, or null */
  bearer_token: string | null;
  idempotency_key: string | null;
  /** parsed JSON body, or null */
  body: unknown;
  /** HTTP status sent; 0 when the connection was dropped on purpose */
  status: number;
  /** parsed JSON response body, or null */
  response: unknown;
  request_id: string;
}

/** The newest entries kept; a long-running sandbox must not grow without bound. */
export const REQUEST_LOG_LIMIT = 10_000;

export class RequestLog {
  private entries: RecordedRequest[] = [];

  add(entry: RecordedRequest): void {
    this.entries.push(entry);
    if (this.entries.length > REQUEST_LOG_LIMIT) this.entries.splice(0, this.entries.length - REQUEST_LOG_LIMIT);
  }
  all(): RecordedRequest[] {
    return [...this.entries];
  }
  clear(): void {
    this.entries = [];
  }
}

export function queryObject(query: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(query.keys())) {
    const values = query.getAll(key);
    out[key] = values.length === 1 ? (values[0] ?? "") : values;
  }
  return out;
}
