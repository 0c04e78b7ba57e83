import type { ManualClock } from "../../../src/sandbox/index.js";
import type { SandboxAdmin } from "../../helpers/stack.js";

/** What a contract tour step gets: tool calls that throw on isError, the sandbox clock and admin API. */
export interface Tour {
  /** Calls a tool and returns its structuredContent; throws with the error body when isError. */
  call(name: string, args?: Record<string, unknown>): Promise<Record<string, unknown>>;
  clock: ManualClock;
  admin: SandboxAdmin;
}
