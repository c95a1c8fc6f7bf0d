import { fileURLToPath } from "node:url";
import base from "@repo/vitest-config";
import { defineConfig, mergeConfig } from "vitest/config";

// The app's own imports ("~/lib/format.ts"), resolved as tsconfig.json's paths say; the start
// scripts' tests sit beside them in scripts/ (merging adds the folder to the base's src/).
export default mergeConfig(
  base,
  defineConfig({
    resolve: { alias: { "~": fileURLToPath(new URL("./src", import.meta.url)) } },
    test: { include: ["scripts/**/*.test.ts"] },
  }),
);
