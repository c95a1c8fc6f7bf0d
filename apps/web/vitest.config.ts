import base from "@repo/vitest-config";
import { defineConfig, mergeConfig } from "vitest/config";

// The start scripts' tests sit beside them in scripts/; merging adds the folder to the base's
// src/ (arrays are concatenated).
export default mergeConfig(base, defineConfig({ test: { include: ["scripts/**/*.test.ts"] } }));
