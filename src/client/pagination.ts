/**
 * v3 cursor pagination (catalog §1.5): `limit` + `token` in, `has_more` + `next_token` out.
 * Lists put the cursor beside `data[]`; batch GETs nest it inside `data` next to `items`.
 */

import { clientError } from "./errors.js";

export interface Page<T> {
  items: T[];
  hasMore: boolean;
  nextToken: string | null;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

function pageFrom<T>(items: unknown[], holder: Obj): Page<T> {
  const nextToken = typeof holder.next_token === "string" && holder.next_token !== "" ? holder.next_token : null;
  // A page claiming more without a cursor cannot be followed; treat it as the end.
  return { items: items as T[], hasMore: holder.has_more === true && nextToken !== null, nextToken };
}

export function toPage<T>(body: unknown): Page<T> {
  if (isObj(body)) {
    const data = body.data;
    if (Array.isArray(data)) return pageFrom<T>(data, body);
    if (isObj(data) && Array.isArray(data.items)) return pageFrom<T>(data.items, data);
  }
  throw clientError(0, "client_unexpected_response", "Expected a paginated list (data[] or data.items[]).", false);
}
