/**
 * The `heygen-mcp` command: parse the config once, start the sandbox if asked, and serve MCP over stdio.
 * Exit code 2 for a bad setting, with a one-line message naming it.
 */
import { serveStdio } from "@modelcontextprotocol/server/stdio";
import { HeyGenClient } from "./client/index.js";
import { type Config, ConfigError, helpText, parseConfig } from "./config.js";
import { createLogger, type Logger } from "./log.js";
import { createServerFactory } from "./server.js";
import { allTools } from "./tools/index.js";
import { SelectionError, selectTools } from "./tools/registry.js";
import { USER_AGENT, VERSION } from "./version.js";

/** The key the in-process sandbox accepts; a real key is never sent to it. */
const SANDBOX_KEY = "sandbox";

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

async function serve(config: Config, logger: Logger): Promise<void> {
  let baseUrl = config.baseUrl;
  let apiKey = config.apiKey;
  if (config.sandbox) {
    const { startSandbox } = await import("./sandbox/index.js");
    const sandbox = await startSandbox({ timing: config.sandboxTiming });
    baseUrl = sandbox.url;
    apiKey = SANDBOX_KEY;
    logger.info("sandbox_started", { url: sandbox.url, timing: config.sandboxTiming });
  } else if (!apiKey) {
    logger.warn("no_api_key", {
      hint: "Set HEYGEN_API_KEY, or start with --sandbox. Tools are listed; calls will explain.",
    });
  }
  const tools = selectTools(allTools, config);
  const client = new HeyGenClient({
    baseUrl,
    timeoutMs: config.timeoutMs,
    maxRetries: config.maxRetries,
    userAgent: USER_AGENT,
    logger,
  });
  const credential = apiKey ? ({ kind: "api_key", value: apiKey } as const) : undefined;
  const factory = createServerFactory({ version: VERSION, tools, client, logger, credentialFor: () => credential });
  serveStdio(factory, { onerror: (err) => logger.error("stdio_error", { error: err }) });
  logger.info("serving", { transport: "stdio", tools: tools.length, base_url: baseUrl });
}

async function main(argv: string[]): Promise<void> {
  if (argv[0] === "sandbox") return runSandboxCommand(argv.slice(1));
  if (argv.includes("--help") || argv.includes("-h")) {
    process.stdout.write(helpText(VERSION));
    return;
  }
  if (argv.includes("--version")) {
    process.stdout.write(`${VERSION}\n`);
    return;
  }
  let config: Config;
  try {
    config = parseConfig(argv, process.env);
    selectTools(allTools, config);
  } catch (err) {
    if (err instanceof ConfigError || err instanceof SelectionError) fail(err.message);
    throw err;
  }
  const logger = createLogger({ level: config.logLevel, secrets: [config.apiKey] });
  await serve(config, logger);
}

main(process.argv.slice(2)).catch((err: unknown) => {
  process.stderr.write(`heygen-mcp: fatal: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
