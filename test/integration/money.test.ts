/**
 * Money safety through a real MCP client (issue 16): estimates for every paid tool, dry runs that send
 * nothing, budget refusals, confirmation (accepted, declined, unavailable), idempotency keys derived from
 * the call, and the repeated-call scenarios that must each end in exactly one job.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allTools } from "../../src/tools/index.js";
import { isPaid } from "../../src/tools/paid.js";
import { ok } from "../helpers/jobs.js";
import { call, errorBody, type Stack, type StackOptions, startStack, TEST_KEY, textOf } from "../helpers/stack.js";

const url = (name: string) => ({ url: `https://example.com/${name}` });
const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(" ");

/** Valid arguments for every paid tool: estimate_cost must price each one. */
const PAID_EXAMPLES: Record<string, Record<string, unknown>> = {
  create_video_from_avatar: { avatar_id: "look_1", script: words(150) },
  create_video_from_image: { image: url("face.png"), voice_id: "v1", script: "Hello there." },
  create_cinematic_avatar_video: { prompt: "A walk on the beach.", avatar_id: ["look_1"] },
  create_studio_video: { scenes: [{ type: "avatar_video", avatar_id: "look_1", script: "One scene." }] },
  create_video_from_template: { template_id: "tpl_1" },
  create_video_batch: { videos: [{ type: "avatar", avatar_id: "look_1", script: "Batch item." }] },
  create_video_translation: { video: url("v.mp4"), output_languages: ["Spanish (Spain)", "French"] },
  create_video_translation_batch: { video_translations: [{ video: url("v.mp4"), output_languages: ["French"] }] },
  create_proofread: { video: url("v.mp4"), output_languages: ["French"], title: "p" },
  generate_video_from_proofread: { proofread_id: "pr_1" },
  create_lipsync: { video: url("v.mp4"), audio: url("a.mp3"), mode: "precision" },
  create_lipsync_batch: { lipsyncs: [{ video: url("v.mp4"), audio: url("a.mp3") }] },
  create_speech: { text: words(75), voice_id: "v1" },
  clone_voice: { voice_name: "Me", audio: url("me.mp3") },
  create_photo_avatar: { name: "Me", file: url("face.png") },
  create_digital_twin: { name: "Me", file: url("me.mp4") },
  create_prompt_avatar: { name: "Robot", prompt: "A friendly robot presenter." },
  create_video_agent: { prompt: "A one-minute product launch video." },
  send_video_agent_message: { session_id: "s1", message: "Make it shorter." },
  create_hyperframes_render: { project: url("p.zip"), resolution: "4k" },
  create_background_removal: { video: url("v.mp4") },
  create_ai_clipping: { video: url("v.mp4") },
};

/** Tools for which HeyGen publishes no charge, so the estimate may be $0 (and says it is inferred). */
const MAY_BE_FREE = new Set(["clone_voice"]);

async function lookAndVoice(stack: Stack) {
  const looks = await call(stack, "list_avatar_looks", { limit: 1 });
  const voices = await call(stack, "list_voices", { limit: 1 });
  const avatar_id = (looks.structuredContent?.looks as { id: string }[] | undefined)?.[0]?.id ?? "";
  const voice_id = (voices.structuredContent?.voices as { voice_id: string }[] | undefined)?.[0]?.voice_id ?? "";
  return { avatar_id, voice_id };
}

const posts = async (stack: Stack, path = "/v3/videos") =>
  (await stack.admin.requests()).filter((r) => r.method === "POST" && r.path === path);

async function videosTitled(stack: Stack, title: string): Promise<string[]> {
  const res = await fetch(`${stack.sandbox.url}/v3/videos?limit=100&title=${encodeURIComponent(title)}`, {
    headers: { "x-api-key": TEST_KEY },
  });
  return ((await res.json()) as { data: { id: string; title: string }[] }).data
    .filter((v) => v.title === title)
    .map((v) => v.id);
}

async function withStack(opts: StackOptions, run: (stack: Stack) => Promise<void>) {
  const stack = await startStack(opts);
  try {
    await stack.admin.setBalance(TEST_KEY, 1000);
    await run(stack);
  } finally {
    await stack.close();
  }
}

describe("estimate_cost", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  it("is read-only and prices a 150-word avatar script in USD with its basis and sources", async () => {
    const { tools } = await stack.mcp.listTools();
    expect(tools.find((t) => t.name === "estimate_cost")?.annotations).toMatchObject({ readOnlyHint: true });
    await stack.admin.clearRequests();
    const est = ok(
      await call(stack, "estimate_cost", {
        tool: "create_video_from_avatar",
        arguments: PAID_EXAMPLES.create_video_from_avatar,
      }),
    );
    expect(est.usd).toBeGreaterThan(0);
    // 150 words ≈ 60 s at ~150 wpm × $0.0667/s (avatar_iv digital twin, the higher avatar_iv rate).
    expect(est.usd).toBeCloseTo(60 * 0.0667, 2);
    expect(est.basis).toContain("150 words");
    expect(est.low_usd as number).toBeLessThan(est.usd as number);
    expect(est.prices).toEqual([
      expect.objectContaining({ id: "avatar_iv_twin", source: expect.stringContaining("heygen.com"), inferred: false }),
    ]);
    expect(await stack.admin.requests()).toEqual([]);
  });

  it("prices every paid tool, marking inferred prices", async () => {
    const paid = allTools.filter(isPaid);
    expect(Object.keys(PAID_EXAMPLES).sort()).toEqual(paid.map((d) => d.name).sort());
    for (const d of paid) expect(d.annotations, d.name).toMatchObject({ readOnlyHint: false, idempotentHint: false });
    for (const [tool, args] of Object.entries(PAID_EXAMPLES)) {
      const res = await call(stack, "estimate_cost", { tool, arguments: args });
      const est = ok(res);
      if (!MAY_BE_FREE.has(tool)) expect(est.usd, tool).toBeGreaterThan(0);
      expect(est.basis, tool).toBeTruthy();
      const prices = est.prices as { inferred: boolean; note?: string; source: string; date: string }[];
      for (const p of prices) {
        expect(p.source && p.date, tool).toBeTruthy();
        if (p.inferred) expect(p.note, tool).toBeTruthy();
      }
      expect(est.inferred, tool).toBe(prices.some((p) => p.inferred));
    }
  });

  it("prices the cinematic avatar flat, 4K HyperFrames at 1.5×, and translations per language", async () => {
    const cinematic = ok(
      await call(stack, "estimate_cost", {
        tool: "create_cinematic_avatar_video",
        arguments: PAID_EXAMPLES.create_cinematic_avatar_video,
      }),
    );
    expect(cinematic.usd).toBe(7);
    const hf = (resolution: string) =>
      call(stack, "estimate_cost", {
        tool: "create_hyperframes_render",
        arguments: { project: url("p.zip"), resolution },
        seconds: 60,
      });
    expect((ok(await hf("4k")).usd as number) / (ok(await hf("1080p")).usd as number)).toBeCloseTo(1.5, 1);
    const translation = ok(
      await call(stack, "estimate_cost", {
        tool: "create_video_translation",
        arguments: PAID_EXAMPLES.create_video_translation,
        seconds: 120,
      }),
    );
    expect(translation.usd).toBeCloseTo(120 * 2 * 0.0333, 3);
  });

  it("names the bad argument as the create would", async () => {
    expect(errorBody(await call(stack, "estimate_cost", { tool: "get_video", arguments: {} }))).toMatchObject({
      code: "invalid_parameter",
      param: "tool",
    });
    expect(
      errorBody(
        await call(stack, "estimate_cost", { tool: "create_video_from_avatar", arguments: { avatar_id: "x" } }),
      ),
    ).toMatchObject({ code: "invalid_parameter", param: expect.stringMatching(/^arguments/) });
  });
});

describe("dry_run, keys and results", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
    await stack.admin.setBalance(TEST_KEY, 1000);
  });
  afterAll(() => stack.close());

  it("dry_run returns the exact request and the estimate, and sends nothing", async () => {
    const { avatar_id, voice_id } = await lookAndVoice(stack);
    await stack.admin.clearRequests();
    const script = words(150);
    const res = await call(stack, "create_video_from_avatar", { avatar_id, voice_id, script, dry_run: true });
    const out = ok(res);
    expect(out).toMatchObject({
      dry_run: true,
      request: { method: "POST", path: "/v3/videos", body: { type: "avatar", avatar_id, script } },
      cost: { usd: expect.any(Number) },
    });
    expect((out.cost as { usd: number }).usd).toBeGreaterThan(0);
    expect(JSON.stringify(out)).not.toContain(TEST_KEY);
    expect(await stack.admin.requests()).toEqual([]);
  });

  it("a repeated identical create replays the first job; a new idempotency_key renders again", async () => {
    const { avatar_id } = await lookAndVoice(stack);
    const args = { avatar_id, script: "Say it once.", title: "repeat-me" };
    const first = ok(await call(stack, "create_video_from_avatar", args));
    const second = ok(await call(stack, "create_video_from_avatar", args));
    expect(second.video_id).toBe(first.video_id);
    const key = (first.cost as { idempotency_key: string }).idempotency_key;
    expect(key).toMatch(/^mcp-/);
    expect((second.cost as { idempotency_key: string }).idempotency_key).toBe(key);
    expect(await videosTitled(stack, "repeat-me")).toHaveLength(1);
    const again = ok(await call(stack, "create_video_from_avatar", { ...args, idempotency_key: "second-render" }));
    expect(again.video_id).not.toBe(first.video_id);
    expect(again.cost).toMatchObject({ idempotency_key: "second-render", estimated_usd: expect.any(Number) });
    expect(await videosTitled(stack, "repeat-me")).toHaveLength(2);
  });

  it("the key depends on the arguments, the account and the window, never shows the credential", async () => {
    const { avatar_id } = await lookAndVoice(stack);
    const a = ok(await call(stack, "create_video_from_avatar", { avatar_id, script: "One.", title: "k1" }));
    const b = ok(await call(stack, "create_video_from_avatar", { avatar_id, script: "Two.", title: "k1" }));
    expect((a.cost as { idempotency_key: string }).idempotency_key).not.toBe(
      (b.cost as { idempotency_key: string }).idempotency_key,
    );
    stack.clock.advance(11 * 60_000);
    const c = ok(await call(stack, "create_video_from_avatar", { avatar_id, script: "One.", title: "k1" }));
    expect(c.video_id).not.toBe(a.video_id);
    expect(stack.transcript.join("\n")).not.toContain(TEST_KEY);
    expect(stack.logLines.join("\n")).not.toContain(TEST_KEY);
  });

  it("a call HeyGen does not deduplicate (Video Agent) is replayed by the server, and never resent after an unclear end", async () => {
    await stack.admin.clearRequests();
    const args = { prompt: "A short video about money safety." };
    const first = ok(await call(stack, "create_video_agent", args));
    const second = ok(await call(stack, "create_video_agent", args));
    expect(second.session_id).toBe(first.session_id);
    expect(await posts(stack, "/v3/video-agents")).toHaveLength(1);
    expect((await posts(stack, "/v3/video-agents"))[0]?.idempotency_key).toBeNull();

    const unclear = { prompt: "A video whose answer is lost." };
    await stack.admin.faults({ after_create: { count: 1, kind: "502" } });
    const lost = errorBody(await call(stack, "create_video_agent", unclear));
    expect(lost).toMatchObject({ code: "client_create_outcome_unknown", retryable: false });
    expect(lost.hint).toContain("list_video_agent_sessions");
    const repeat = errorBody(await call(stack, "create_video_agent", unclear));
    expect(repeat).toMatchObject({ code: "client_create_outcome_unknown", param: "idempotency_key" });
    expect(await posts(stack, "/v3/video-agents")).toHaveLength(2);
    ok(await call(stack, "create_video_agent", { ...unclear, idempotency_key: "on-purpose-2" }));
    expect(await posts(stack, "/v3/video-agents")).toHaveLength(3);
  });

  it("refuses a malformed idempotency_key by name, before sending", async () => {
    await stack.admin.clearRequests();
    const res = await call(stack, "create_video_from_avatar", {
      avatar_id: "x",
      script: "Hi.",
      idempotency_key: "has spaces",
    });
    expect(errorBody(res)).toMatchObject({ code: "invalid_parameter", param: "idempotency_key" });
    expect(await stack.admin.requests()).toEqual([]);
  });

  it("an error of a create shows the key used", async () => {
    const res = await call(stack, "create_video_from_avatar", { avatar_id: "no_such_look", script: "Hi." });
    expect(errorBody(res)).toMatchObject({ retryable: false, idempotency_key: expect.stringMatching(/^mcp-/) });
  });

  it("insufficient_credit says how much is missing", async () => {
    const { avatar_id } = await lookAndVoice(stack);
    await stack.admin.setBalance(TEST_KEY, 0.5);
    try {
      const res = await call(stack, "create_video_from_avatar", { avatar_id, script: words(100), title: "broke" });
      const body = errorBody(res);
      expect(body).toMatchObject({ code: "insufficient_credit", retryable: false, missing_usd: expect.any(Number) });
      expect(body.missing_usd as number).toBeGreaterThan(0);
      expect(body.message).toContain("missing");
    } finally {
      await stack.admin.setBalance(TEST_KEY, 1000);
    }
  });
});

describe("budget", () => {
  it("--budget-usd 0.01 refuses a create before sending, naming the budget, what is left and the estimate", async () => {
    await withStack({ money: { budgetUsd: 0.01 } }, async (stack) => {
      const { avatar_id } = await lookAndVoice(stack);
      await stack.admin.clearRequests();
      const res = await call(stack, "create_video_from_avatar", { avatar_id, script: words(20) });
      const body = errorBody(res);
      expect(body).toMatchObject({ code: "budget_exceeded", retryable: false });
      expect(body.message).toMatch(/budget/);
      expect(body.message).toContain("$0.01");
      expect(body.estimated_usd).toBeGreaterThan(0.01);
      expect(await stack.admin.requests()).toEqual([]);
    });
  });

  it("records spend from the estimate, says what remains, and corrects it once the real duration is known", async () => {
    await withStack({ money: { budgetUsd: 5 } }, async (stack) => {
      const { avatar_id } = await lookAndVoice(stack);
      // A 10 s pause the estimate counts; the rendered length is whatever HeyGen (the sandbox) says.
      const script = `${words(75)} <break time="10s"/>`;
      const created = ok(await call(stack, "create_video_from_avatar", { avatar_id, script }));
      const cost = created.cost as { estimated_usd: number; budget_left_usd: number };
      expect(cost.budget_left_usd).toBeCloseTo(5 - cost.estimated_usd, 4);
      expect(textOf(await call(stack, "create_video_from_avatar", { avatar_id, script }))).toContain("budget left");
      // The repeat replayed the same job: the spend counts it once.
      expect(await stack.money.store.spent("process")).toBeCloseTo(cost.estimated_usd, 4);
      // wait_for_job reads the finished video: the spend becomes its real length × the rate.
      const waited = ok(await call(stack, "wait_for_job", { kind: "video", id: created.video_id }));
      expect(waited.state).toBe("completed");
      const done = ok(await call(stack, "get_video", { video_id: created.video_id }));
      expect(await stack.money.store.spent("process")).toBeCloseTo((done.duration as number) * 0.0667, 4);
      expect(await stack.money.store.spent("process")).not.toBeCloseTo(cost.estimated_usd, 4);
    });
  });
});

describe("confirmation above --confirm-above-usd", () => {
  const big = (avatar_id: string) => ({ avatar_id, script: words(300), title: "big" });

  it("without elicitation: refuses with the estimate, then confirm: true goes through", async () => {
    await withStack({ money: { confirmAboveUsd: 1 } }, async (stack) => {
      const { avatar_id } = await lookAndVoice(stack);
      await stack.admin.clearRequests();
      const refused = errorBody(await call(stack, "create_video_from_avatar", big(avatar_id)));
      expect(refused).toMatchObject({ code: "confirmation_required", param: "confirm", retryable: false });
      expect(refused.message).toMatch(/\$\d/);
      expect(refused.hint).toContain("confirm: true");
      expect(await stack.admin.requests()).toEqual([]);
      ok(await call(stack, "create_video_from_avatar", { ...big(avatar_id), confirm: true }));
      expect(await posts(stack)).toHaveLength(1);
    });
  });

  it("asks the person where the client can; accepted creates, declined creates nothing", async () => {
    let answer: "accept" | "decline" = "accept";
    const asked: string[] = [];
    const elicit = (message: string) => {
      asked.push(message);
      return answer === "accept"
        ? { action: "accept" as const, content: { confirm: true } }
        : { action: "decline" as const };
    };
    await withStack({ money: { confirmAboveUsd: 1 }, elicit }, async (stack) => {
      const { avatar_id } = await lookAndVoice(stack);
      await stack.admin.clearRequests();
      ok(await call(stack, "create_video_from_avatar", big(avatar_id)));
      expect(asked[0]).toMatch(/create_video_from_avatar will cost about \$\d/);
      expect(await posts(stack)).toHaveLength(1);
      answer = "decline";
      const declined = errorBody(await call(stack, "create_video_from_avatar", { ...big(avatar_id), title: "no" }));
      expect(declined).toMatchObject({ code: "confirmation_declined", retryable: false });
      expect(asked).toHaveLength(2);
      expect(await posts(stack)).toHaveLength(1);
    });
  });

  it("small creates are not asked about", async () => {
    const asked: string[] = [];
    await withStack(
      {
        money: { confirmAboveUsd: 1 },
        elicit: (m) => {
          asked.push(m);
          return { action: "decline" };
        },
      },
      async (stack) => {
        const { avatar_id } = await lookAndVoice(stack);
        ok(await call(stack, "create_video_from_avatar", { avatar_id, script: "Short." }));
        expect(asked).toEqual([]);
      },
    );
  });
});

describe("a create that may have gone through", () => {
  const instant = async () => {};

  it("a drop then 503 on every retry: not retryable, names list_jobs and list_videos; the repeat makes no second job", async () => {
    await withStack({ sleep: instant }, async (stack) => {
      const { avatar_id } = await lookAndVoice(stack);
      const args = { avatar_id, script: "Dropped then refused.", title: "drop-503" };
      await stack.admin.faults({
        after_create: { count: 1, kind: "drop" },
        fail_next: { count: 3, status: 503, skip: 1 },
      });
      const body = errorBody(await call(stack, "create_video_from_avatar", args));
      expect(body).toMatchObject({ code: "client_create_outcome_unknown", retryable: false });
      expect(body.message).toContain("service_unavailable");
      expect(body.hint).toContain("list_jobs");
      expect(body.hint).toContain("list_videos");
      expect(body.idempotency_key).toMatch(/^mcp-/);
      expect(await videosTitled(stack, "drop-503")).toHaveLength(1);
      const again = ok(await call(stack, "create_video_from_avatar", args));
      expect(await videosTitled(stack, "drop-503")).toEqual([again.video_id]);
    });
  });

  it("every attempt timing out: not retryable; the repeat replays the one job", async () => {
    await withStack({ sleep: instant, timeoutMs: 300 }, async (stack) => {
      const { avatar_id } = await lookAndVoice(stack);
      const args = { avatar_id, script: "Never answered.", title: "timeouts" };
      await stack.admin.faults({ hang_next: { count: 4 } });
      const body = errorBody(await call(stack, "create_video_from_avatar", args));
      expect(body).toMatchObject({ code: "client_create_outcome_unknown", retryable: false });
      expect(body.message).toContain("client_timeout");
      await stack.admin.faults({ reset: true });
      const again = ok(await call(stack, "create_video_from_avatar", args));
      expect(await videosTitled(stack, "timeouts")).toEqual([again.video_id]);
    });
  });

  it("the MCP client's own timeout mid-create: the repeated call makes no second job", async () => {
    await withStack({ sleep: instant }, async (stack) => {
      const { avatar_id } = await lookAndVoice(stack);
      const args = { avatar_id, script: "The client gave up.", title: "client-timeout" };
      await stack.admin.faults({ hang_next: { count: 1 } });
      const abort = new AbortController();
      const pending = stack.mcp.callTool(
        { name: "create_video_from_avatar", arguments: args },
        { signal: abort.signal },
      );
      while ((await posts(stack)).length === 0);
      abort.abort("client timeout");
      await expect(pending).rejects.toThrow();
      await stack.admin.faults({ reset: true });
      expect(await videosTitled(stack, "client-timeout")).toHaveLength(1);
      const again = ok(await call(stack, "create_video_from_avatar", args));
      expect(await videosTitled(stack, "client-timeout")).toEqual([again.video_id]);
    });
  });

  it("429 on every attempt created nothing: retryable", async () => {
    await withStack({ sleep: instant }, async (stack) => {
      const { avatar_id } = await lookAndVoice(stack);
      await stack.admin.faults({ fail_next: { count: 4, status: 429, retry_after: 1 } });
      const body = errorBody(
        await call(stack, "create_video_from_avatar", { avatar_id, script: "Busy.", title: "busy" }),
      );
      expect(body).toMatchObject({ code: "rate_limit_exceeded", retryable: true });
      expect(await videosTitled(stack, "busy")).toEqual([]);
    });
  });
});
