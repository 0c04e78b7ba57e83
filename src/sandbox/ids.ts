/** Opaque identifiers shaped like HeyGen's (32 lowercase hex characters unless a prefix is asked for). */
import { randomBytes } from "node:crypto";

export const hexId = (bytes = 16): string => randomBytes(bytes).toString("hex");

export const newId = (prefix?: string): string => (prefix ? `${prefix}_${hexId(12)}` : hexId());

export const newRequestId = (): string => `req_${hexId(12)}`;
