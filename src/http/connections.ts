/**
 * Connection caps: per client address, so one client holding half-open sockets cannot take every slot,
 * and in total, below the process's open-file limit, so accept() never fails with EMFILE. A connection
 * over either cap is not dropped at once: it takes one of a few reserved slots that serve only /healthz
 * and /readyz (anything else gets 503 and the connection closes). When those are full, the oldest
 * reserved connection is closed to make room, so a flood of idle sockets can hold a reserved slot only
 * until the next connection arrives, and a health probe, which asks at once, still gets its answer.
 */
import { readFileSync } from "node:fs";
import type { Server } from "node:http";
import type { Socket } from "node:net";

export interface ConnectionLimits {
  maxConnections: number;
  maxConnectionsPerAddress: number;
}

/** Slots for health probes beyond the caps. */
export const RESERVED_CONNECTIONS = 8;
/** File descriptors kept free for everything else the process opens (HeyGen sockets, files, stdio). */
const FD_HEADROOM = 256;

/** The soft open-file limit, where the platform says; null elsewhere. */
export function openFileLimit(procLimits = "/proc/self/limits"): number | null {
  try {
    const line = readFileSync(procLimits, "utf8")
      .split("\n")
      .find((l) => l.startsWith("Max open files"));
    const soft = line?.split(/\s{2,}/)[1];
    return soft && /^\d+$/.test(soft) ? Number(soft) : null;
  } catch {
    return null;
  }
}

/** The total cap actually applied: the setting, lowered to fit under the open-file limit. */
export function effectiveMaxConnections(configured: number, fdLimit: number | null): number {
  if (fdLimit === null) return configured;
  return Math.max(1, Math.min(configured, fdLimit - FD_HEADROOM - RESERVED_CONNECTIONS));
}

export class ConnectionGate {
  readonly #maxTotal: number;
  readonly #maxPerAddress: number;
  #total = 0;
  readonly #perAddress = new Map<string, number>();
  /** Reserved connections, oldest first (a Set keeps insertion order). */
  readonly #reserved = new Set<Socket>();
  /** Reserved connections that have sent a request: never the ones closed to make room. */
  readonly #answering = new WeakSet<Socket>();

  constructor(limits: ConnectionLimits, fdLimit = openFileLimit()) {
    this.#maxTotal = effectiveMaxConnections(limits.maxConnections, fdLimit);
    this.#maxPerAddress = Math.min(limits.maxConnectionsPerAddress, this.#maxTotal);
  }

  get maxConnections(): number {
    return this.#maxTotal;
  }

  attach(server: Server): void {
    server.on("connection", (socket: Socket) => this.#admit(socket));
  }

  /** Whether this connection came in over a cap and may only ask for health; marks it as answering. */
  isReserved(socket: Socket): boolean {
    if (!this.#reserved.has(socket)) return false;
    this.#answering.add(socket);
    return true;
  }

  #admit(socket: Socket): void {
    const address = socket.remoteAddress ?? "";
    const mine = this.#perAddress.get(address) ?? 0;
    if (this.#total < this.#maxTotal && mine < this.#maxPerAddress) {
      this.#total++;
      this.#perAddress.set(address, mine + 1);
      socket.once("close", () => {
        this.#total--;
        const now = (this.#perAddress.get(address) ?? 1) - 1;
        if (now <= 0) this.#perAddress.delete(address);
        else this.#perAddress.set(address, now);
      });
      return;
    }
    if (this.#reserved.size >= RESERVED_CONNECTIONS) {
      const idle = [...this.#reserved].find((s) => !this.#answering.has(s));
      if (!idle) {
        socket.destroy();
        return;
      }
      this.#reserved.delete(idle);
      idle.destroy();
    }
    this.#reserved.add(socket);
    socket.once("close", () => this.#reserved.delete(socket));
  }
}
