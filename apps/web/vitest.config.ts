import base from "@repo/vitest-config";
import { mergeConfig } from "vitest/config";

// The app's own modules import each other as "~/…" (tsconfig's paths): the tests resolve it too.
export default mergeConfig(base, {
  resolve: { alias: { "~": new URL("./src", import.meta.url).pathname } },
});
