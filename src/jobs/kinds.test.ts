import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { allTools } from "../tools/index.js";
import { JOB_KIND_NAMES, JOB_KINDS, type JobKind, SYNC_OUTPUTS } from "./kinds.js";
import { extractOutputs, readJob } from "./read.js";

const SHARED = resolve(process.cwd(), "../shared/heygen");
const OPERATIONS = resolve(SHARED, "operations.json");
const CATALOG = resolve(SHARED, "api-catalog.md");
const hasSources = existsSync(OPERATIONS) && existsSync(CATALOG);

/** Tools with a `status` output that no single job kind claims, and why. */
const NOT_JOBS: Record<string, string> = {
  wait_for_job: "reads every kind through this table",
  create_asset_upload: "an upload slot (pending_upload); processing starts at complete_asset_upload",
  create_webhook_endpoint: "endpoint enabled/disabled, not a lifecycle",
  list_webhook_endpoints: "endpoint enabled/disabled",
  update_webhook_endpoint: "endpoint enabled/disabled",
  update_avatar_look: "echoes the look's training status after a rename",
  update_lipsync: "echoes the status after a rename",
  update_video_translation: "echoes the status after a rename",
  upload_proofread_srt: "echoes the proofread's status after new subtitles",
};

const byName = new Map(allTools.map((t) => [t.name, t]));

function enumOf(schema: unknown): string[] | null {
  let s = schema as z.ZodType;
  while (s instanceof z.ZodNullable || s instanceof z.ZodOptional || s instanceof z.ZodDefault) {
    s = (s as z.ZodNullable<z.ZodType>).unwrap();
  }
  return s instanceof z.ZodEnum ? (s.options as string[]) : null;
}

const statusEnumOf = (name: string) => enumOf(byName.get(name)?.output.shape.status);

describe.runIf(hasSources || process.env.CI === "true")("the job-kinds table against HeyGen's catalog", () => {
  const ops = () =>
    (
      JSON.parse(readFileSync(OPERATIONS, "utf8")) as {
        operations: { method: string; path: string; response_schema: unknown }[];
      }
    ).operations;

  /** The status enum HeyGen's schema gives the record of a get operation, if it has one. */
  function schemaStatuses(kind: JobKind): string[] | null {
    const [method, path] = kind.getOperation.split(" ");
    const op = ops().find((o) => o.method === method && o.path === path);
    const data = (op?.response_schema as { properties?: { data?: Record<string, unknown> } } | undefined)?.properties
      ?.data as { properties?: Record<string, { enum?: string[] }>; items?: unknown } | undefined;
    return data?.properties?.status?.enum ?? null;
  }

  it("uses exactly the status enum HeyGen's schema gives each get operation", () => {
    let compared = 0;
    for (const kind of Object.values(JOB_KINDS)) {
      const statuses = schemaStatuses(kind);
      if (!statuses) continue;
      compared++;
      expect([...kind.statuses].sort(), kind.name).toEqual([...statuses].sort());
    }
    // video, translation, proofread, lipsync, avatar group and look, voice, video agent, ai clipping, 4 batches
    expect(compared).toBeGreaterThanOrEqual(13);
  });

  it("names only statuses the catalog's lifecycle table (§1.9) lists for the resource", () => {
    const catalog = readFileSync(CATALOG, "utf8");
    const section = catalog.slice(catalog.indexOf("### 1.9"), catalog.indexOf("### 1.10"));
    const rows = section.split("\n").filter((l) => l.startsWith("| "));
    for (const kind of Object.values(JOB_KINDS)) {
      const path = kind.getOperation.replace(/\{[^}]+\}/g, "{id}");
      const row = kind.name.endsWith("_batch")
        ? rows.find((r) => r.includes("batch items"))
        : rows.find((r) => r.includes(`\`${path}\``) || r.includes(`\`${kind.getOperation}\``));
      expect(row, `${kind.name}: a §1.9 row polls ${path}`).toBeDefined();
      for (const status of kind.statuses) expect(row, `${kind.name}: ${status}`).toContain(`\`${status}\``);
    }
  });
});

describe("the job-kinds table against the tools", () => {
  it("declares outputs that the get tools return or HeyGen's get schema has", () => {
    const fields = (kind: JobKind) => {
      const tool = Object.keys(byName.get(kind.getTool)?.output.shape ?? {});
      if (!hasSources) return tool;
      const [method, path] = kind.getOperation.split(" ");
      const op = (
        JSON.parse(readFileSync(OPERATIONS, "utf8")) as {
          operations: {
            method: string;
            path: string;
            response_schema?: { properties?: { data?: { properties?: object } } };
          }[];
        }
      ).operations.find((o) => o.method === method && o.path === path);
      return [...tool, ...Object.keys(op?.response_schema?.properties?.data?.properties ?? {})];
    };
    for (const kind of Object.values(JOB_KINDS)) {
      for (const o of kind.outputs) {
        const top = (o.path.split(/[.[]/)[0] ?? "").replace(/\[\]$/, "");
        expect(fields(kind), `${kind.name} output ${o.path}`).toContain(top);
      }
    }
  });

  it("points every kind at its get tool, create tools and list operation", () => {
    const operations = new Set(allTools.map((t) => t.operation));
    for (const kind of Object.values(JOB_KINDS)) {
      expect(byName.get(kind.getTool)?.operation, kind.name).toBe(kind.getOperation);
      for (const tool of kind.createdBy) expect(byName.has(tool), `${kind.name} created by ${tool}`).toBe(true);
      if (kind.list) expect(operations.has(kind.list.operation), kind.list.operation).toBe(true);
      for (const status of [...kind.completed, ...kind.failed, ...(kind.needsAction ?? []).map((a) => a.status)]) {
        expect(kind.statuses, `${kind.name}: ${status}`).toContain(status);
      }
    }
    expect(Object.keys(JOB_KINDS).sort()).toEqual([...JOB_KIND_NAMES].sort());
    expect(byName.get(SYNC_OUTPUTS.speech.tool)?.operation).toBe(SYNC_OUTPUTS.speech.operation);
  });

  it("covers every tool whose output has a status: its enum is the kind's", () => {
    const claimed = new Map<string, JobKind[]>();
    const claim = (tool: string, kind: JobKind) => claimed.set(tool, [...(claimed.get(tool) ?? []), kind]);
    for (const kind of Object.values(JOB_KINDS)) {
      claim(kind.getTool, kind);
      for (const t of kind.createdBy) claim(t, kind);
      for (const t of allTools) if (kind.list && t.operation === kind.list.operation) claim(t.name, kind);
    }
    for (const tool of allTools) {
      if (!("status" in tool.output.shape) || tool.name in NOT_JOBS) continue;
      const kinds = claimed.get(tool.name);
      expect(kinds, `${tool.name} has a status but no job kind`).toBeDefined();
      const values = statusEnumOf(tool.name);
      if (values && kinds) {
        const known = new Set(kinds.flatMap((k) => k.statuses));
        expect(
          values.filter((v) => !known.has(v)),
          tool.name,
        ).toEqual([]);
      }
    }
  });
});

describe("reading a job record", () => {
  it("finds outputs at nested paths and numbers list outputs", () => {
    const record = { layers: { foreground: "https://f", mask: "https://m" }, clips: [{ video_url: "https://c1" }, {}] };
    expect(extractOutputs(JOB_KINDS.background_removal.outputs, record)).toEqual({
      foreground: "https://f",
      mask: "https://m",
    });
    expect(extractOutputs(JOB_KINDS.ai_clipping.outputs, record)).toEqual({ clip_1: "https://c1" });
  });

  it("reads a voice clone's `complete` as completed and a public voice's null status as ready", () => {
    expect(readJob("voice_clone", { voice_id: "v", status: "complete" }).state).toBe("completed");
    expect(readJob("voice_clone", { voice_id: "v", status: null }).state).toBe("completed");
    expect(readJob("video", { id: "v", status: null }).state).toBe("in_progress");
  });

  it("gives a failure its code, message and hint", () => {
    const s = readJob("video", { id: "v", status: "failed", failure_code: "render_failed", failure_message: "bad" });
    expect(s.failure).toEqual({ code: "render_failed", message: "bad", hint: JOB_KINDS.video.failureHint });
    const a = readJob("avatar_look", { id: "l", status: "failed", error: { code: "bad_photo", message: "blurry" } });
    expect(a.failure).toMatchObject({ code: "bad_photo", message: "blurry" });
  });

  it("derives a batch's percentage from its counts and a session's from progress", () => {
    const b = readJob("video_batch", {
      batch_id: "b",
      status: "processing",
      total_items: 4,
      counts_by_status: { completed: 1, failed: 1, processing: 2 },
    });
    expect(b.percent).toBe(50);
    expect(readJob("video_agent", { session_id: "s", status: "generating", progress: 40 }).percent).toBe(40);
  });

  it("marks states where waiting cannot help, with the call that moves them on", () => {
    const s = readJob("video_agent", { session_id: "s1", status: "waiting_for_input" });
    expect(s.state).toBe("needs_action");
    expect(s.action).toContain('session_id="s1"');
  });
});
