/**
 * The README's client configs: print-config's own output for an npx install, one block per client, so the
 * README shows exactly what the command prints. Used by `npm run docs` and by test/unit/readme-install.test.ts.
 */
import { CLIENTS } from "../src/cli/clients.js";
import { PACKAGE_NAME, printConfig } from "../src/cli/print-config.js";

const NPX = { command: "npx", args: ["-y", PACKAGE_NAME] };
const FENCE: Record<string, string> = { json: "json", toml: "toml", "claude-cli": "sh" };

export function readmeClientConfigs(): string {
  return CLIENTS.map((c) => {
    const { text } = printConfig([c.id], NPX);
    return [
      `**${c.name}** (\`npx -y heygen-mcp print-config ${c.id}\`): ${c.where}.`,
      "",
      `\`\`\`${FENCE[c.syntax]}`,
      text.trimEnd(),
      "```",
    ].join("\n");
  }).join("\n\n");
}
