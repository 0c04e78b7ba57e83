/**
 * The `heygen-mcp` command: parse the config once, start the sandbox if asked, and serve MCP over stdio
 * or, with --http, as the remote endpoint.
 * Exit code 2 for a bad setting, with a one-line message naming it.
 */
import { fileURLToPath } from "node:url";
import { HeyGenClient } from "./client/index.js";
import { type Config, ConfigError, helpText, parseConfig, shutdownGraceOf } from "./config.js";
import { FilesFolder } from "./files/folder.js";
import { authStartupProblem } from "./http/auth.js";
import { InFlightCreates } from "./inflight.js";
import { createLogger, type Logger } from "./log.js";
import { createServerFactory } from "./server.js";
import { serveStdioSession } from "./stdio.js";
import type { AnyToolDef } from "./tools/define.js";
import { allTools } from "./tools/index.js";
import { createMoney, moneySettings } from "./tools/paid.js";
import { SelectionError, selectTools } from "./tools/registry.js";
import { USER_AGENT, VERSION } from "./version.js";

/** The key the in-process sandbox accepts; a real key is never sent to it. */
const SANDBOX_KEY = "heygen-mcp-sandbox-key";

function fail(message: string): never {
  process.stderr.write(`heygen-mcp: ${message}\n`);
  process.exit(2);
}

async function runSandboxCommand(argv: string[]): Promise<void> {
  let port = 4010;
  let host = "127.0.0.1";
  let timing: "fast" | "realistic" = "fast";
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = (argv[i] ?? "").split("=", 2);
    const value = inline ?? argv[++i];
    if (flag === "--port" && value && /^\d+$/.test(value) && Number(value) < 65536) port = Number(value);
    else if (flag === "--host" && value) host = value;
    else if (flag === "--timing" && (value === "fast" || value === "realistic")) timing = value;
    else fail(`sandbox: bad option ${flag ?? ""} (use --port N, --host H, --timing fast|realistic)`);
  }
  const { runSandboxCli } = await import("./sandbox/index.js");
  await runSandboxCli(port, host, timing);
}

async function serve(config: Config, tools: AnyToolDef[], logger: Logger): Promise<void> {
  let baseUrl = config.baseUrl;
  let apiKey = config.apiKey;
  let sandbox: { url: string; close(): Promise<void> } | undefined;
  if (config.sandbox) {
    const { startSandbox } = await import("./sandbox/index.js");
    sandbox = await startSandbox({ timing: config.sandboxTiming });
    baseUrl = sandbox.url;
    apiKey = SANDBOX_KEY;
    logger.info("sandbox_started", { url: sandbox.url, timing: config.sandboxTiming });
  } else if (!apiKey && !config.http) {
    logger.warn("no_api_key", {
      hint: "Set HEYGEN_API_KEY, or start with --sandbox. Tools are listed; calls will explain.",
    });
  }
  const client = new HeyGenClient({
    baseUrl,
    timeoutMs: config.timeoutMs,
    maxRetries: config.maxRetries,
    userAgent: USER_AGENT,
    logger,
  });
  const files = await openFilesFolder(config);
  if (config.http) return serveHttp(config, { tools, client, logger, baseUrl, files });
  const credential = apiKey ? ({ kind: "api_key", value: apiKey } as const) : undefined;
  const creates = new InFlightCreates();
  // Over stdio find_tools may add any toolset that --read-only and --exclude-tools leave.
  const bound = selectTools(allTools, { ...config, toolsets: ["all"], tools: [] });
  serveStdioSession({
    factory: createServerFactory({
      version: VERSION,
      tools,
      client,
      logger,
      files,
      money: createMoney(moneySettings(config, "process")),
      credentialFor: () => credential,
      creates,
      reach: { catalog: allTools, bound, selected: config.toolsets, via: "session" },
      maxWaitSeconds: config.maxWaitSeconds,
      transport: "stdio",
    }),
    creates,
    graceMs: shutdownGraceOf(config),
    logger,
    // The in-process sandbox and pooled sockets must not outlive the session.
    close: async () => {
      await client.close();
      await sandbox?.close();
    },
  });
  logger.info("serving", { transport: "stdio", tools: tools.length, base_url: baseUrl, files_dir: files?.root });
}

/** Over stdio the folder defaults to the working directory; over HTTP local files stay off unless set. */
async function openFilesFolder(config: Config): Promise<FilesFolder | null> {
  const dir = config.filesDir ?? (config.http ? undefined : process.cwd());
  if (dir === undefined) return null;
  try {
    return await FilesFolder.open(dir);
  } catch {
    fail(`--files-dir / HEYGEN_MCP_FILES_DIR: ${dir} is not a readable directory`);
  }
}

interface Served {
  tools: AnyToolDef[];
  client: HeyGenClient;
  logger: Logger;
  baseUrl: string;
  files: FilesFolder | null;
}

async function serveHttp(config: Config, { tools, client, logger, baseUrl, files }: Served): Promise<void> {
  const { authPolicy, startHttpServer } = await import("./http/index.js");
  const graceMs = shutdownGraceOf(config);
  const running = await startHttpServer({
    settings: { ...config, shutdownGraceMs: graceMs },
    auth: authPolicy(config, SANDBOX_KEY),
    catalog: allTools,
    operatorTools: tools,
    operatorToolsets: config.toolsets,
    client,
    logger,
    version: VERSION,
    files,
    maxWaitSeconds: config.maxWaitSeconds,
    money: createMoney(moneySettings(config, "credential_day")),
  });
  logger.info("serving", { transport: "http", url: `${running.url}/mcp`, tools: tools.length, base_url: baseUrl });
  if (!isLoopback(config.host) && config.allowedHosts.length === 0) {
    logger.warn("loopback_hosts_only", {
      hint: "Requests must send a loopback Host header until --allowed-hosts names this server's public host.",
    });
  }
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    // A second signal means "now": the operator gave up on the grace period.
    if (stopping) process.exit(1);
    stopping = true;
    logger.info("shutting_down", { signal, in_flight: running.inFlight, grace_ms: graceMs });
    void running
      .shutdown()
      .then(async ({ completed }) => {
        logger.info("stopped", { completed });
        await client.close();
      })
      .catch((err: unknown) =>
        logger.error("shutdown_error", { error: err instanceof Error ? err.message : String(err) }),
      )
      .finally(() => process.exit(0));
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

const isLoopback = (host: string) => host === "localhost" || host === "::1" || host.startsWith("127.");

async function runPrintConfig(argv: string[]): Promise<void> {
  const { launchFor, printConfig } = await import("./cli/print-config.js");
  // The bundle is dist/main.js; the bin beside it is what a client should start.
  const launch = launchFor(fileURLToPath(new URL("./heygen-mcp.js", import.meta.url)), process.execPath);
  try {
    const { text, where } = printConfig(argv, launch);
    process.stdout.write(text);
    process.stderr.write(`# ${where}\n`);
  } catch (err) {
    if (err instanceof ConfigError) fail(err.message);
    throw err;
  }
}

async function runDoctorCommand(argv: string[]): Promise<void> {
  const { runDoctor } = await import("./cli/doctor.js");
  process.exitCode = await runDoctor({
    argv,
    env: process.env,
    cwd: process.cwd(),
    nodeVersion: process.version,
    write: (line) => process.stdout.write(`${line}\n`),
    async startSandbox(timing) {
      const { startSandbox } = await import("./sandbox/index.js");
      const sandbox = await startSandbox({ timing });
      return { url: sandbox.url, key: SANDBOX_KEY, close: () => sandbox.close() };
    },
  });
}

async function main(argv: string[]): Promise<void> {
  if (argv[0] === "sandbox") return runSandboxCommand(argv.slice(1));
  if (argv[0] === "print-config") return runPrintConfig(argv.slice(1));
  if (argv[0] === "doctor") return runDoctorCommand(argv.slice(1));
  if (argv.includes("--help") || argv.includes("-h")) {
    process.stdout.write(helpText(VERSION));
    return;
  }
  if (argv.includes("--version")) {
    process.stdout.write(`${VERSION}\n`);
    return;
  }
  let config: Config;
  let tools: AnyToolDef[];
  try {
    config = parseConfig(argv, process.env);
    tools = selectTools(allTools, config);
  } catch (err) {
    if (err instanceof ConfigError || err instanceof SelectionError) fail(err.message);
    throw err;
  }
  const problem = config.http ? authStartupProblem(config) : null;
  if (problem) fail(problem);
  const logger = createLogger({ level: config.logLevel, secrets: [config.apiKey, config.authToken] });
  await serve(config, tools, logger);
}

main(process.argv.slice(2)).catch((err: unknown) => {
  process.stderr.write(`heygen-mcp: fatal: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
