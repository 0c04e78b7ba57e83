/**
 * `heygen-mcp doctor [server flags]`: checks a setup the way the server would run with the same flags and
 * env, one line per check. Exit 0 when every check passes, 1 otherwise. The key is never printed.
 */
import { access, constants } from "node:fs/promises";
import { HeyGenClient, HeyGenError } from "../client/index.js";
import { type Config, ConfigError, parseConfig } from "../config.js";
import { FilesFolder } from "../files/folder.js";
import { redactText } from "../log.js";
import { accountSummary, type CurrentUser } from "../tools/account.js";
import type { AnyToolDef } from "../tools/define.js";
import { allTools } from "../tools/index.js";
import { listEntry, SelectionError, selectTools } from "../tools/registry.js";
import { USER_AGENT, VERSION } from "../version.js";

export const REQUIRED_NODE_MAJOR = 22;

/**
 * o200k tokens of tools/list, estimated from its compact JSON: this registry's tools/list measures 4.1-4.5
 * characters per o200k token (a test keeps the estimate within 10% of the tokenizer's count), and the
 * tokenizer's 2 MB of tables would outweigh the rest of the package.
 */
export const CHARS_PER_TOKEN = 4.3;
export const estimateListTokens = (tools: readonly AnyToolDef[]) =>
  Math.round(JSON.stringify({ tools: tools.map(listEntry) }).length / CHARS_PER_TOKEN);

export interface DoctorEnv {
  argv: readonly string[];
  env: NodeJS.ProcessEnv;
  nodeVersion: string;
  /** Starts the in-process sandbox for --sandbox; returns its URL, its key and how to stop it. */
  startSandbox(timing: Config["sandboxTiming"]): Promise<{ url: string; key: string; close(): Promise<void> }>;
  /** The server's working directory: the files folder over stdio when --files-dir is not set. */
  cwd: string;
  write(line: string): void;
}

export interface Check {
  ok: boolean;
  text: string;
}

const line = (c: Check) => `${c.ok ? "ok  " : "FAIL"}  ${c.text}`;

function nodeCheck(version: string): Check {
  const major = Number(version.replace(/^v/, "").split(".")[0]);
  return major >= REQUIRED_NODE_MAJOR
    ? { ok: true, text: `Node.js ${version}` }
    : { ok: false, text: `Node.js ${version}: ${REQUIRED_NODE_MAJOR}+ is needed (https://nodejs.org)` };
}

function toolsCheck(config: Config): Check {
  try {
    const tools = selectTools(allTools, config);
    const filters = [
      config.tools.length > 0 ? `+${config.tools.length} named` : "",
      config.excludeTools.length > 0 ? `-${config.excludeTools.length} excluded` : "",
      config.readOnly ? "read-only" : "",
    ].filter(Boolean);
    const sets = `${config.toolsets.join(",")}${filters.length > 0 ? ` (${filters.join(", ")})` : ""}`;
    const tokens = estimateListTokens(tools).toLocaleString("en-US");
    return {
      ok: tools.length > 0,
      text: `toolsets ${sets}: ${tools.length} tools, tools/list ≈ ${tokens} tokens (estimated from its JSON; exact o200k counts in docs/tools.md)`,
    };
  } catch (err) {
    if (err instanceof SelectionError) return { ok: false, text: err.message };
    throw err;
  }
}

/** Any HTTP answer means the origin is reachable; the time is HeyGen's own answer time plus the network. */
async function reachCheck(baseUrl: string, timeoutMs: number): Promise<Check> {
  const started = performance.now();
  try {
    const res = await fetch(new URL("/v3/users/me", baseUrl), {
      headers: { "user-agent": USER_AGENT },
      signal: AbortSignal.timeout(timeoutMs),
    });
    await res.arrayBuffer();
    return { ok: true, text: `${baseUrl} answered in ${Math.round(performance.now() - started)} ms` };
  } catch (err) {
    const why = err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err);
    return {
      ok: false,
      text: `${baseUrl} is not reachable (${why}): check the network, a proxy, or --base-url / HEYGEN_API_BASE_URL`,
    };
  }
}

/** GET /v3/users/me with the key, summarised as get_current_user summarises it. */
async function accountCheck(client: HeyGenClient, key: string): Promise<Check> {
  const credential = { kind: "api_key", value: key } as const;
  try {
    const { body } = await client.request<{ data: CurrentUser }>({ operation: "GET /v3/users/me" }, { credential });
    const user = accountSummary(body.data);
    const balance =
      user.balance === null ? "unknown balance" : `${user.balance} ${(user.balance_unit ?? "").toUpperCase()} left`;
    return {
      ok: true,
      text: `key accepted: account ${user.username ?? "?"}, billing ${user.billing_type ?? "unknown"}, ${balance.trim()}`,
    };
  } catch (err) {
    if (!(err instanceof HeyGenError)) throw err;
    const fix = err.status === 401 || err.status === 403 ? "replace HEYGEN_API_KEY with a current key" : err.hint;
    return {
      ok: false,
      text: `key check failed: ${err.code} (HTTP ${err.status}): ${err.message}${fix ? `; ${fix}` : ""}`,
    };
  }
}

/** The folder file_path inputs are read from, as the server would open it (stdio default: the working directory). */
async function filesCheck(config: Config, cwd: string): Promise<Check> {
  const dir = config.filesDir ?? (config.http ? undefined : cwd);
  if (dir === undefined)
    return { ok: true, text: "files folder: off (--http without --files-dir: file_path is refused)" };
  let folder: FilesFolder;
  try {
    folder = await FilesFolder.open(dir);
    await access(folder.root, constants.R_OK | constants.X_OK);
  } catch {
    return {
      ok: false,
      text: `files folder ${dir} is not a readable directory: fix --files-dir / HEYGEN_MCP_FILES_DIR`,
    };
  }
  // Uploads read from the folder; download_result and wait_for_job's save_to write into it.
  const writable = await access(folder.root, constants.W_OK).then(
    () => true,
    () => false,
  );
  return writable
    ? { ok: true, text: `files folder ${folder.root}: readable, writable` }
    : {
        ok: false,
        text: `files folder ${folder.root} is readable but not writable: downloads (save_to) would fail; fix its permissions or choose another --files-dir`,
      };
}

function httpCheck(config: Config): Check {
  const hosts = config.allowedHosts.length > 0 ? config.allowedHosts.join(", ") : "loopback names only";
  let auth = "each request sends its own HeyGen key (X-Api-Key or Authorization: Bearer)";
  if (config.sandbox) auth = "sandbox; requests without a credential use the sandbox key";
  else if (config.apiKey && config.authToken) auth = "server-wide key; clients send Authorization: Bearer <auth token>";
  else if (config.apiKey) {
    return {
      ok: false,
      text: "--http with a server-wide key needs --auth-token (HEYGEN_MCP_AUTH_TOKEN), or it would not start",
    };
  }
  return { ok: true, text: `--http: binds ${config.host}:${config.port}, allowed hosts: ${hosts}; auth: ${auth}` };
}

export async function runDoctor(d: DoctorEnv): Promise<number> {
  const checks: Check[] = [];
  let secrets: string[] = [];
  const report = (c: Check) => {
    checks.push(c);
    d.write(redactText(line(c), secrets));
  };
  d.write(`heygen-mcp ${VERSION} doctor`);
  report(nodeCheck(d.nodeVersion));
  let config: Config;
  try {
    config = parseConfig(d.argv, d.env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    report({ ok: false, text: err.message });
    return 1;
  }
  secrets = [config.apiKey, config.authToken].filter((s): s is string => !!s);
  report(toolsCheck(config));
  const sandbox = config.sandbox ? await d.startSandbox(config.sandboxTiming) : null;
  try {
    const baseUrl = sandbox?.url ?? config.baseUrl;
    const key = sandbox?.key ?? config.apiKey;
    if (sandbox) report({ ok: true, text: `sandbox: simulated HeyGen API at ${sandbox.url}, no key needed` });
    const reach = await reachCheck(baseUrl, config.timeoutMs);
    report(reach);
    if (key && !reach.ok) d.write("      the key is set; it cannot be checked while HeyGen is unreachable");
    else if (key) {
      const client = new HeyGenClient({ baseUrl, timeoutMs: config.timeoutMs, maxRetries: 0, userAgent: USER_AGENT });
      try {
        report(await accountCheck(client, key));
      } finally {
        await client.close();
      }
    } else if (!config.http) {
      report({
        ok: false,
        text: "no HeyGen API key: set HEYGEN_API_KEY in the client's env for this server (HeyGen app → Settings → API), or add --sandbox to try it without one",
      });
    }
    report(await filesCheck(config, d.cwd));
    if (config.http) report(httpCheck(config));
  } finally {
    await sandbox?.close();
  }
  const failed = checks.filter((c) => !c.ok).length;
  d.write(failed === 0 ? "All checks passed." : `${failed} check${failed === 1 ? "" : "s"} failed.`);
  return failed === 0 ? 0 : 1;
}
