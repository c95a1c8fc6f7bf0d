export { default } from "@repo/vitest-config";
