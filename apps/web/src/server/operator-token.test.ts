import { describe, expect, it } from "vitest";
import { hasOperatorToken, operatorRefusal } from "./operator-token.ts";

const TOKEN = "c2f0e4a1b7d94e3f8a6b5c4d3e2f1a0b";

function request(authorization?: string): Request {
  return new Request("http://app.test/api/metrics", {
    headers: authorization === undefined ? {} : { authorization },
  });
}

describe("hasOperatorToken", () => {
  it("accepts the token as a bearer token, whatever the scheme's case", () => {
    expect(hasOperatorToken(request(`Bearer ${TOKEN}`), TOKEN)).toBe(true);
    expect(hasOperatorToken(request(`bearer ${TOKEN}`), TOKEN)).toBe(true);
  });

  it.each([
    ["no header", undefined],
    ["another scheme", `Basic ${TOKEN}`],
    ["the token without a scheme", TOKEN],
    ["an empty bearer token", "Bearer "],
    ["a wrong token of the same length", `Bearer ${TOKEN.slice(0, -1)}c`],
    ["the token's first part", `Bearer ${TOKEN.slice(0, 16)}`],
    ["the token with more after it", `Bearer ${TOKEN}0`],
    ["the token and another word", `Bearer ${TOKEN} ${TOKEN}`],
  ])("refuses %s", (_, authorization) => {
    expect(hasOperatorToken(request(authorization), TOKEN)).toBe(false);
  });

  it("accepts nothing while no token is configured", () => {
    expect(hasOperatorToken(request("Bearer "), undefined)).toBe(false);
    expect(hasOperatorToken(request("Bearer undefined"), undefined)).toBe(false);
  });
});

describe("operatorRefusal", () => {
  it("lets the token through", () => {
    expect(operatorRefusal(request(`Bearer ${TOKEN}`), TOKEN)).toBeNull();
  });

  it("answers 401 with a Bearer challenge to a request without the right token", async () => {
    for (const authorization of [undefined, "Bearer wrong"]) {
      const refusal = operatorRefusal(request(authorization), TOKEN);
      expect(refusal?.status).toBe(401);
      expect(refusal?.headers.get("www-authenticate")).toMatch(/^Bearer /);
      expect(await refusal?.text()).not.toContain(TOKEN);
    }
  });

  it("answers 404 to everyone while no token is configured: the endpoint is not served", () => {
    expect(operatorRefusal(request(`Bearer ${TOKEN}`), undefined)?.status).toBe(404);
    expect(operatorRefusal(request(), undefined)?.status).toBe(404);
  });
});
