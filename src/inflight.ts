/**
 * Creates in flight: calls that may bill or make something at HeyGen and have not answered yet. A
 * shutdown waits for them and, when it cannot wait longer, logs what an operator needs to find them
 * (their Idempotency-Keys and any job ids HeyGen already returned). A call counts as a create when its
 * tool is annotated as one (neither read-only nor idempotent) or when the client sent a request with an
 * Idempotency-Key on its behalf: no list of tool names is kept here.
 */

export interface CreateRecord {
  readonly tool: string;
  readonly idempotencyKeys: string[];
  readonly jobIds: string[];
}

export interface CreateCall extends CreateRecord {
  /** The client is about to send a request (key null when the operation takes none). */
  sent(idempotencyKey: string | null): void;
  /** HeyGen answered 2xx with this body. */
  answered(body: unknown): void;
  /** The tool call returned (its result is on its way to the caller). */
  end(): void;
}

/** Ids HeyGen returns for what a create made: `id` and `*_id` string fields of the response's data. */
export function jobIdsOf(body: unknown): string[] {
  const data = (body as { data?: unknown } | null)?.data;
  if (data === null || typeof data !== "object" || Array.isArray(data)) return [];
  return Object.entries(data)
    .filter(([k, v]) => (k === "id" || k.endsWith("_id")) && typeof v === "string")
    .map(([, v]) => v as string);
}

export class InFlightCreates {
  readonly #open = new Set<CreateCall>();
  readonly #watchers = new Set<(ended: CreateRecord) => void>();

  /** Starts tracking one tool call; `isCreate` is what its annotations say. */
  begin(tool: string, isCreate: boolean): CreateCall {
    const idempotencyKeys: string[] = [];
    const jobIds: string[] = [];
    let ended = false;
    const call: CreateCall = {
      tool,
      idempotencyKeys,
      jobIds,
      sent: (key) => {
        if (key !== null && !idempotencyKeys.includes(key)) idempotencyKeys.push(key);
        if (!ended && (isCreate || key !== null)) this.#open.add(call);
      },
      answered: (body) => {
        for (const id of jobIdsOf(body)) if (!jobIds.includes(id)) jobIds.push(id);
      },
      end: () => {
        if (ended) return;
        ended = true;
        if (!this.#open.delete(call)) return;
        for (const watch of this.#watchers) watch(call);
      },
    };
    return call;
  }

  /** Creates sent to HeyGen whose tool call has not returned. */
  get pending(): CreateRecord[] {
    return [...this.#open];
  }

  /**
   * Waits up to graceMs for every pending create to return. `finished` are those that returned meanwhile,
   * `unfinished` those still out when the time was up.
   */
  async settle(graceMs: number): Promise<{ finished: CreateRecord[]; unfinished: CreateRecord[] }> {
    const finished: CreateRecord[] = [];
    if (this.#open.size === 0) return { finished, unfinished: [] };
    let timer: NodeJS.Timeout | undefined;
    let watch: ((ended: CreateRecord) => void) | undefined;
    await new Promise<void>((resolve) => {
      watch = (ended) => {
        finished.push(ended);
        if (this.#open.size === 0) resolve();
      };
      this.#watchers.add(watch);
      timer = setTimeout(resolve, graceMs);
    });
    clearTimeout(timer);
    if (watch) this.#watchers.delete(watch);
    return { finished, unfinished: this.pending };
  }
}

/** The log fields that let an operator find a create at HeyGen. */
export const createFields = (c: CreateRecord) => ({
  tool: c.tool,
  idempotency_keys: c.idempotencyKeys,
  job_ids: c.jobIds,
});
