import { describe, expect, it } from "vitest";
import { InFlightCreates, jobIdsOf } from "./inflight.js";

describe("InFlightCreates", () => {
  it("tracks a create from its first request until its call returns, with keys and job ids", async () => {
    const creates = new InFlightCreates();
    const call = creates.begin("create_video", true);
    expect(creates.pending).toEqual([]);
    call.sent("idem-1");
    call.answered({ data: { video_id: "v_1", status: "pending" } });
    expect(creates.pending).toMatchObject([{ tool: "create_video", idempotencyKeys: ["idem-1"], jobIds: ["v_1"] }]);
    const settling = creates.settle(60_000);
    call.end();
    const { finished, unfinished } = await settling;
    expect(finished).toMatchObject([{ tool: "create_video", jobIds: ["v_1"] }]);
    expect(unfinished).toEqual([]);
  });

  it("counts a non-create tool only when the client sent an Idempotency-Key for it", () => {
    const creates = new InFlightCreates();
    const read = creates.begin("get_video", false);
    read.sent(null);
    expect(creates.pending).toEqual([]);
    const keyed = creates.begin("upload_asset", false);
    keyed.sent("idem-2");
    expect(creates.pending.map((c) => c.tool)).toEqual(["upload_asset"]);
  });

  it("reports what is still out when the grace ends", async () => {
    const creates = new InFlightCreates();
    creates.begin("create_lipsync", true).sent("idem-3");
    const { finished, unfinished } = await creates.settle(0);
    expect(finished).toEqual([]);
    expect(unfinished).toMatchObject([{ idempotencyKeys: ["idem-3"] }]);
  });

  it("takes job ids from id and *_id fields of the response's data only", () => {
    expect(jobIdsOf({ data: { id: "a", video_id: "b", title: "c", n_id: 3 } })).toEqual(["a", "b"]);
    expect(jobIdsOf({ data: [{ id: "x" }] })).toEqual([]);
    expect(jobIdsOf(null)).toEqual([]);
  });
});
