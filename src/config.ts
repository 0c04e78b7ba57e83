/**
 * Every setting in one zod schema. Flags, env vars, defaults, `--help` and the README table all derive
 * from it. Parsed once at start-up, frozen, passed down: nothing else reads process.env.
 */
import { z } from "zod";
import { BACKOFF_BASE_MS, DEFAULT_MAX_RETRY_AFTER_MS } from "./client/retry.js";
import { LOG_LEVELS } from "./log.js";
import { ALL_TOOLSETS, DEFAULT_TASKS, isToolsetChoice, type ToolsetChoice } from "./tools/toolsets.js";

interface OptionMeta {
  flag: string;
  env: string;
  description: string;
  /** Shown in --help instead of the raw default (e.g. for lists). */
  shownDefault?: string;
  /** A flag that takes no value (`--sandbox`); it may still take `--sandbox=false`. */
  isSwitch?: boolean;
}

const metaOf = new Map<z.ZodType, OptionMeta>();
// All option metadata is kept beside the schema rather than in .describe(): in zod 4 a later
// .describe()/.default() clones the schema and would drop it.
const option = <T extends z.ZodType>(schema: T, meta: OptionMeta): T => {
  metaOf.set(schema, meta);
  return schema;
};

// z.coerce.boolean() reads the string "false" as true, so switches parse their text explicitly.
const switchValue = z
  .union([z.boolean(), z.enum(["true", "false", "1", "0", "yes", "no", ""])])
  .transform((v) => v === true || v === "true" || v === "1" || v === "yes" || v === "");

const csv = (item: z.ZodType<string, string>) =>
  z
    .string()
    .transform((s) =>
      s
        .split(",")
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item));

const toolsetName = z.string().refine(isToolsetChoice, {
  error: () => `expected a comma-separated list of: all, default, +name, ${ALL_TOOLSETS.join(", ")}`,
});

export const configSchema = z.object({
  apiKey: option(z.string().min(1).optional(), {
    flag: "--api-key",
    env: "HEYGEN_API_KEY",
    description: "HeyGen API key (X-Api-Key). Prefer the env var: flags show up in process lists.",
  }),
  baseUrl: option(z.url({ protocol: /^https?$/ }).default("https://api.heygen.com"), {
    flag: "--base-url",
    env: "HEYGEN_API_BASE_URL",
    description: "HeyGen API origin; point it at any HeyGen-compatible server.",
  }),
  sandbox: option(switchValue.default(false), {
    flag: "--sandbox",
    env: "HEYGEN_MCP_SANDBOX",
    isSwitch: true,
    description: "Serve against the built-in simulated HeyGen API on loopback: no key, no charges.",
  }),
  sandboxTiming: option(z.enum(["fast", "realistic"]).default("fast"), {
    flag: "--sandbox-timing",
    env: "HEYGEN_MCP_SANDBOX_TIMING",
    description: "Sandbox render times: fast (seconds) or realistic (minutes).",
  }),
  toolsets: option(csv(toolsetName).default(["default"]), {
    flag: "--toolsets",
    env: "HEYGEN_MCP_TOOLSETS",
    shownDefault: "default",
    description: `Comma-separated toolsets or 'all'. 'default' is the task-chosen set (README "Tools"; find_tools reaches the rest); add to it with 'default,webhooks' or '+webhooks'. Toolsets: ${ALL_TOOLSETS.join(", ")}.`,
  }),
  tools: option(csv(z.string()).default([]), {
    flag: "--tools",
    env: "HEYGEN_MCP_TOOLS",
    shownDefault: "none",
    description: "Comma-separated tool names to expose in addition to the toolsets.",
  }),
  excludeTools: option(csv(z.string()).default([]), {
    flag: "--exclude-tools",
    env: "HEYGEN_MCP_EXCLUDE_TOOLS",
    shownDefault: "none",
    description: "Comma-separated tool names to hide.",
  }),
  readOnly: option(switchValue.default(false), {
    flag: "--read-only",
    env: "HEYGEN_MCP_READ_ONLY",
    isSwitch: true,
    description: "Expose only tools that never change or bill anything (readOnlyHint).",
  }),
  timeoutMs: option(z.coerce.number().int().min(1000).max(600_000).default(60_000), {
    flag: "--timeout-ms",
    env: "HEYGEN_MCP_TIMEOUT_MS",
    description: "Timeout of one HeyGen HTTP attempt, in milliseconds.",
  }),
  maxRetries: option(z.coerce.number().int().min(0).max(10).default(3), {
    flag: "--max-retries",
    env: "HEYGEN_MCP_MAX_RETRIES",
    description: "Retries of a failed HeyGen request (429, 5xx, network; creates reuse their Idempotency-Key).",
  }),
  maxWaitSeconds: option(z.coerce.number().int().min(1).max(600).default(55), {
    flag: "--max-wait-seconds",
    env: "HEYGEN_MCP_MAX_WAIT_SECONDS",
    description:
      "Longest one wait_for_job call may take, in seconds (it waits 45 by default). Stdio and 2025-era HTTP stay at most 55: clients cut tool calls at 60 s.",
  }),
  budgetUsd: option(z.coerce.number().min(0).optional(), {
    flag: "--budget-usd",
    env: "HEYGEN_MCP_BUDGET_USD",
    description:
      "Cap on estimated HeyGen spend: per process (stdio), per credential per UTC day (--http). Creates over it are refused before sending.",
  }),
  confirmAboveUsd: option(z.coerce.number().min(0).default(5), {
    flag: "--confirm-above-usd",
    env: "HEYGEN_MCP_CONFIRM_ABOVE_USD",
    description:
      "Creates estimated above this ask the person to confirm (or need confirm: true where the client cannot ask).",
  }),
  idempotencyWindowMin: option(z.coerce.number().min(0.1).max(1440).default(10), {
    flag: "--idempotency-window-min",
    env: "HEYGEN_MCP_IDEMPOTENCY_WINDOW_MIN",
    description: "Minutes an identical paid create reuses its Idempotency-Key, so a repeat replays instead of billing.",
  }),
  http: option(switchValue.default(false), {
    flag: "--http",
    env: "HEYGEN_MCP_HTTP",
    isSwitch: true,
    description: "Serve stateless streamable HTTP at /mcp (many tenants) instead of stdio.",
  }),
  host: option(z.string().min(1).default("127.0.0.1"), {
    flag: "--host",
    env: "HEYGEN_MCP_HOST",
    description: "Address for --http to listen on; 0.0.0.0 in a container.",
  }),
  port: option(z.coerce.number().int().min(0).max(65535).default(3000), {
    flag: "--port",
    env: "HEYGEN_MCP_PORT",
    description: "Port for --http (0 picks a free one).",
  }),
  authToken: option(z.string().min(16, "use at least 16 characters").optional(), {
    flag: "--auth-token",
    env: "HEYGEN_MCP_AUTH_TOKEN",
    description:
      "--http: token clients must send as Authorization: Bearer (their HeyGen key then goes in X-Api-Key). Required with a server-wide HEYGEN_API_KEY.",
  }),
  bearerAsApiKey: option(switchValue.default(false), {
    flag: "--bearer-as-api-key",
    env: "HEYGEN_MCP_BEARER_AS_API_KEY",
    isSwitch: true,
    description:
      "--http: forward a client's Authorization: Bearer value to HeyGen as X-Api-Key, not as a bearer token.",
  }),
  allowedHosts: option(csv(z.string()).default([]), {
    flag: "--allowed-hosts",
    env: "HEYGEN_MCP_ALLOWED_HOSTS",
    shownDefault: "loopback names only",
    description: "--http: Host names accepted besides localhost/127.0.0.1/[::1] (DNS rebinding guard); * accepts any.",
  }),
  allowedOrigins: option(csv(z.string()).default([]), {
    flag: "--allowed-origins",
    env: "HEYGEN_MCP_ALLOWED_ORIGINS",
    shownDefault: "loopback origins only",
    description: "--http: Origin host names accepted besides loopback; requests without Origin always pass.",
  }),
  corsOrigins: option(csv(z.url({ protocol: /^https?$/ })).default([]), {
    flag: "--cors-origins",
    env: "HEYGEN_MCP_CORS_ORIGINS",
    shownDefault: "none (no CORS)",
    description: "--http: browser origins (https://app.example.com) allowed cross-origin; also accepted as Origin.",
  }),
  maxBodyBytes: option(
    z.coerce
      .number()
      .int()
      .min(1024)
      .max(64 * 1024 * 1024)
      .default(1024 * 1024),
    {
      flag: "--max-body-bytes",
      env: "HEYGEN_MCP_MAX_BODY_BYTES",
      description: "--http: largest request body accepted; larger gets 413.",
    },
  ),
  maxConcurrentPerKey: option(z.coerce.number().int().min(1).max(10_000).default(8), {
    flag: "--max-concurrent-per-key",
    env: "HEYGEN_MCP_MAX_CONCURRENT_PER_KEY",
    description: "--http: requests in flight per HeyGen credential; more get 429 with Retry-After.",
  }),
  maxConcurrent: option(z.coerce.number().int().min(1).max(100_000).default(256), {
    flag: "--max-concurrent",
    env: "HEYGEN_MCP_MAX_CONCURRENT",
    description: "--http: requests in flight in total, all credentials together; more get 429 with Retry-After.",
  }),
  maxConnections: option(z.coerce.number().int().min(1).max(1_000_000).default(1024), {
    flag: "--max-connections",
    env: "HEYGEN_MCP_MAX_CONNECTIONS",
    description:
      "--http: open connections in total (lowered to fit the open-file limit); over it only /healthz and /readyz are served.",
  }),
  maxConnectionsPerAddress: option(z.coerce.number().int().min(1).max(1_000_000).default(128), {
    flag: "--max-connections-per-address",
    env: "HEYGEN_MCP_MAX_CONNECTIONS_PER_ADDRESS",
    description:
      "--http: open connections per client IP; behind a load balancer raise it to --max-connections (all come from its IP).",
  }),
  requestTimeoutMs: option(z.coerce.number().int().min(1000).max(600_000).default(30_000), {
    flag: "--request-timeout-ms",
    env: "HEYGEN_MCP_REQUEST_TIMEOUT_MS",
    description: "--http: time a client has to send a whole request (headers within min(this, 10 s)).",
  }),
  keepAliveTimeoutMs: option(z.coerce.number().int().min(0).max(600_000).default(5_000), {
    flag: "--keep-alive-timeout-ms",
    env: "HEYGEN_MCP_KEEP_ALIVE_TIMEOUT_MS",
    description: "--http: idle keep-alive socket lifetime; set above your load balancer's idle timeout.",
  }),
  shutdownGraceMs: option(z.coerce.number().int().min(0).max(3_600_000).optional(), {
    flag: "--shutdown-grace-ms",
    env: "HEYGEN_MCP_SHUTDOWN_GRACE_MS",
    shownDefault: "a create's worst case: (max-retries + 1) × timeout-ms + backoff",
    description:
      "On SIGTERM/SIGINT (or stdin closing), how long in-flight calls may finish; creates still running then are logged with their ids.",
  }),
  filesDir: option(z.string().min(1).optional(), {
    flag: "--files-dir",
    env: "HEYGEN_MCP_FILES_DIR",
    shownDefault: "stdio: the working directory; --http: off",
    description: "The one folder file_path inputs are read from and download_result writes to; paths may not leave it.",
  }),
  logLevel: option(z.enum(LOG_LEVELS as [string, ...string[]]).default("info"), {
    flag: "--log-level",
    env: "HEYGEN_MCP_LOG_LEVEL",
    description: `Log level on stderr (JSON lines): ${LOG_LEVELS.join(", ")}.`,
  }),
});

type ParsedConfig = z.output<typeof configSchema>;
export type Config = Readonly<Omit<ParsedConfig, "toolsets" | "logLevel">> & {
  readonly toolsets: readonly ToolsetChoice[];
  readonly logLevel: (typeof LOG_LEVELS)[number];
};
type Key = keyof ParsedConfig;

export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

function options(): [Key, z.ZodType, OptionMeta][] {
  return Object.entries(configSchema.shape).map(([key, schema]) => {
    const meta = metaOf.get(schema);
    if (!meta) throw new Error(`config option ${key} has no metadata`);
    return [key as Key, schema, meta];
  });
}

function fromEnv(env: NodeJS.ProcessEnv): Partial<Record<Key, string>> {
  const out: Partial<Record<Key, string>> = {};
  for (const [key, , meta] of options()) {
    const value = env[meta.env];
    if (value !== undefined && value !== "") out[key] = value;
  }
  return out;
}

function fromArgv(argv: readonly string[]): Partial<Record<Key, string>> {
  const byFlag = new Map(options().map(([key, , meta]) => [meta.flag, { key, meta }]));
  const out: Partial<Record<Key, string>> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    const eq = arg.indexOf("=");
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const found = byFlag.get(flag);
    if (!found) throw new ConfigError(`unknown option ${flag} (see --help)`);
    if (eq > 0) out[found.key] = arg.slice(eq + 1);
    else if (found.meta.isSwitch) out[found.key] = "true";
    else {
      const value = argv[++i];
      if (value === undefined || value.startsWith("--")) throw new ConfigError(`${flag} needs a value`);
      out[found.key] = value;
    }
  }
  return out;
}

/** Flags win over env vars, env vars over defaults. Throws ConfigError naming the setting. */
export function parseConfig(argv: readonly string[], env: NodeJS.ProcessEnv): Config {
  const raw = { ...fromEnv(env), ...fromArgv(argv) };
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = String(issue?.path[0] ?? "");
    const meta = options().find(([k]) => k === key)?.[2];
    const source = key in fromArgv(argv) ? meta?.flag : meta?.env;
    throw new ConfigError(`invalid ${source ?? key}: ${issue?.message ?? "invalid value"}`);
  }
  return Object.freeze(parsed.data) as Config;
}

/**
 * The drain a shutdown allows: the setting, else a create's worst case (every attempt timing out, with the
 * client's full-jitter backoff ceilings between them), so a routine restart never cuts a billed create.
 */
export function shutdownGraceOf(c: Pick<Config, "shutdownGraceMs" | "maxRetries" | "timeoutMs">): number {
  if (c.shutdownGraceMs !== undefined) return c.shutdownGraceMs;
  let backoff = 0;
  for (let attempt = 0; attempt < c.maxRetries; attempt++) {
    backoff += Math.min(DEFAULT_MAX_RETRY_AFTER_MS, BACKOFF_BASE_MS * 2 ** attempt);
  }
  return (c.maxRetries + 1) * c.timeoutMs + backoff;
}

export interface OptionDoc {
  flag: string;
  env: string;
  defaultValue: string;
  description: string;
}

export function optionDocs(): OptionDoc[] {
  return options().map(([, schema, meta]) => {
    const parsedDefault = schema.safeParse(undefined);
    const value = parsedDefault.success ? parsedDefault.data : undefined;
    const defaultValue = meta.shownDefault ?? (value === undefined ? "unset" : String(value));
    return {
      flag: meta.isSwitch ? meta.flag : `${meta.flag} <value>`,
      env: meta.env,
      defaultValue,
      description: meta.description,
    };
  });
}

export function helpText(version: string): string {
  const docs = optionDocs();
  const width = Math.max(...docs.map((o) => o.flag.length));
  const rows = docs.map(
    (o) => `  ${o.flag.padEnd(width)} ${o.description}\n  ${"".padEnd(width)} env ${o.env}, default ${o.defaultValue}`,
  );
  return [
    `heygen-mcp ${version}: the HeyGen v3 API as MCP tools`,
    "",
    "Usage:",
    "  heygen-mcp [options]                 serve MCP over stdio",
    "  heygen-mcp --http [options]          serve stateless streamable HTTP at /mcp (--host, --port)",
    "  heygen-mcp sandbox [--port N]        run the simulated HeyGen API alone (default port 4010)",
    "  heygen-mcp print-config <client>     print this install's config for claude-desktop, claude-code, cursor,",
    "                                       vscode, windsurf, codex or gemini-cli (--http URL: a remote endpoint)",
    "  heygen-mcp doctor [options]          check Node, the key, HeyGen's reachability and the selected tools",
    "  heygen-mcp --help | --version",
    "",
    "Options (flag > env var > default):",
    ...rows,
    "",
    "--toolsets default serves these tools, by task (find_tools reaches every other tool):",
    ...DEFAULT_TASKS.map(({ task, tools }) => `  ${`${task}:`.padEnd(17)} ${tools.join(", ")}`),
    "",
  ].join("\n");
}
