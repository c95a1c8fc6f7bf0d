import { describe, expect, it } from "vitest";
import { safeNextPath } from "./next-path.ts";

describe("safeNextPath", () => {
  it("keeps a path of this site with its query and fragment", () => {
    expect(safeNextPath("/dashboard")).toBe("/dashboard");
    expect(safeNextPath("/admin/traders/42?tab=limits#breaches")).toBe(
      "/admin/traders/42?tab=limits#breaches",
    );
    // Still this site, as the browser would read them.
    expect(safeNextPath("/%5Cevil.example")).toBe("/%5Cevil.example");
    expect(safeNextPath("/%2F%2Fevil.example")).toBe("/%2F%2Fevil.example");
    expect(safeNextPath("/a/../admin")).toBe("/admin");
  });

  it.each([
    ["a backslash after the slash", "/\\evil.example"],
    ["a scheme-relative URL", "//evil.example"],
    ["two backslashes", "\\\\evil.example"],
    ["a slash and a backslash", "\\/evil.example"],
    ["an absolute URL", "https://evil.example/login"],
    ["an absolute URL of another scheme", "ftp://evil.example"],
    ["a scheme-relative URL behind leading spaces", "  //evil.example"],
    ["a tab inside the slashes", "/\t/evil.example"],
    ["a newline inside the slashes", "/\n/evil.example"],
    ["a carriage return inside the slashes", "\r/\r/evil.example"],
    ["a javascript: URL", "javascript:alert(document.cookie)"],
    ["a javascript: URL with a tab in its scheme", "java\tscript:alert(1)"],
    ["a data: URL", "data:text/html,<script>alert(1)</script>"],
    ["an https URL with credentials", "https://app.invalid@evil.example"],
    ["dot segments that leave `//` in front", "/.//evil.example"],
    ["dot segments and a backslash that leave `//` in front", "/./\\evil.example"],
    ["parent segments that leave `//` in front", "/a/../..//evil.example"],
    ["an empty host", "///evil.example"],
  ])("refuses %s", (_, next) => {
    expect(safeNextPath(next)).toBeNull();
  });

  it("refuses what is not one string", () => {
    expect(safeNextPath(undefined)).toBeNull();
    expect(safeNextPath(["/dashboard", "//evil.example"])).toBeNull();
    expect(safeNextPath(null)).toBeNull();
  });

  it("answers a path it accepts unchanged when asked again, as the form does after the page", () => {
    for (const next of ["/dashboard?x=1#y", "/%5Cevil.example", "dashboard", "/a/./b"]) {
      const once = safeNextPath(next);
      expect(once).not.toBeNull();
      expect(safeNextPath(once)).toBe(once);
    }
  });
});
