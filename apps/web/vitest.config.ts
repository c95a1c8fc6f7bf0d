import { fileURLToPath } from "node:url";
import base from "@repo/vitest-config";
import { mergeConfig } from "vitest/config";

// The app's own imports ("~/lib/format.ts"), resolved as tsconfig.json's paths say.
export default mergeConfig(base, {
  resolve: { alias: { "~": fileURLToPath(new URL("./src", import.meta.url)) } },
});
