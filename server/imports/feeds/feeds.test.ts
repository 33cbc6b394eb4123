import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { FEED_MODES, IMPORT_FEEDS } from "@/lib/import-feeds";
import { FEEDS, OP_COLUMN } from "./index";

const doc = fs.readFileSync(path.resolve(import.meta.dirname, "../../../docs/import-formats.md"), "utf8");

describe("feed definitions", () => {
  it("define every feed, with unique keys and labels, key columns among the columns", () => {
    expect(Object.keys(FEEDS).sort()).toEqual([...IMPORT_FEEDS].sort());
    for (const [name, feed] of Object.entries(FEEDS)) {
      expect(feed.feed).toBe(name);
      const keys = feed.columns.map((c) => c.key);
      const labels = feed.columns.map((c) => c.label);
      expect(new Set(keys).size, name).toBe(keys.length);
      expect(new Set(labels).size, name).toBe(labels.length);
      expect(keys).not.toContain(OP_COLUMN.key);
      expect(labels).not.toContain(OP_COLUMN.label);
      for (const k of feed.keyColumns) expect(keys, `${name} key ${k}`).toContain(k);
    }
  });

  it("are documented column by column in docs/import-formats.md", () => {
    for (const [name, feed] of Object.entries(FEEDS)) {
      expect(doc, name).toContain(`(\`${name}\`)`);
      for (const c of feed.columns) expect(doc, `${name}: ${c.label} / ${c.key}`).toContain(`| ${c.label} | \`${c.key}\` | ${c.required ? "✓ " : ""}|`);
    }
    expect(doc).toContain(`**${OP_COLUMN.label}** (key \`${OP_COLUMN.key}\`)`);
    expect(FEED_MODES.changes).toEqual(["delta"]);
  });
});
