import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readmeClientConfigs } from "../../scripts/client-docs.js";

describe("README install section", () => {
  it("shows each client's config exactly as print-config prints it (run npm run docs)", () => {
    expect(readFileSync("README.md", "utf8")).toContain(readmeClientConfigs());
  });
});
