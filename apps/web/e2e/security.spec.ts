import { type APIResponse, expect, type Page, test } from "@playwright/test";
import { signIn } from "./support/session.ts";

const TRADER = "maya@northwind.example.com";
const ADMIN = "admin@northwind.example.com";

/**
 * Everything the browser refuses on `page` under the Content-Security-Policy (or reports about
 * the Permissions-Policy), as it happens: the `securitypolicyviolation` events of every document
 * the page loads, and the console lines Chromium prints about either policy.
 */
async function policyViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  await page.exposeFunction("reportPolicyViolation", (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const report = (window as unknown as { reportPolicyViolation(text: string): void })
        .reportPolicyViolation;
      report(`${location.pathname}: ${event.effectiveDirective} refused ${event.blockedURI}`);
    });
  });
  page.on("console", (message) => {
    if (/Content Security Policy|Permissions-Policy/i.test(message.text()))
      violations.push(message.text());
  });
  return violations;
}

/** Whether a canvas of the chart labelled `name` has any pixel painted. */
async function chartIsDrawn(page: Page, name: RegExp): Promise<boolean> {
  return page.getByRole("img", { name }).evaluate((element) =>
    [...element.querySelectorAll("canvas")].some((canvas) => {
      const context = canvas.getContext("2d");
      if (!context || canvas.width === 0 || canvas.height === 0) return false;
      const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
      return pixels.some((value, index) => index % 4 === 3 && value > 0);
    }),
  );
}

function expectSecurityHeaders(response: APIResponse | null) {
  const headers = response?.headers() ?? {};
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("same-origin");
  expect(headers["permissions-policy"]).toContain("camera=()");
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
}

/** The directives of a Content-Security-Policy header, by name. */
function directives(policy: string | undefined): Map<string, string[]> {
  const entries = (policy ?? "").split(";").map((part) => part.trim().split(/\s+/));
  return new Map(entries.map(([name = "", ...sources]) => [name, sources]));
}

test.describe("Content-Security-Policy", () => {
  test("sign-in and the trader's dashboard run with nothing refused: numbers, bars and charts", async ({
    page,
  }) => {
    const violations = await policyViolations(page);
    await page.goto("/login");
    await signIn(page, TRADER, /\/dashboard$/);
    // Server-rendered numbers, and bars whose widths come from style attributes.
    await expect(
      page.getByRole("region", { name: "Net asset value" }).locator(".value"),
    ).toHaveText(/^\$[\d,]+/);
    const widths = await page
      .locator(".limit .fill")
      .evaluateAll((fills) => fills.map((fill) => fill.getBoundingClientRect().width));
    expect(widths.some((width) => width > 0)).toBe(true);
    // The charts paint on canvases once the client has run.
    await expect.poll(() => chartIsDrawn(page, /^Equity/)).toBe(true);
    await expect.poll(() => chartIsDrawn(page, /^Drawdown/)).toBe(true);
    // A poll after the first paint goes through too (connect-src).
    await page.waitForResponse((response) => response.url().includes("/api/trpc/"));
    await expect(page.getByTestId("freshness")).toHaveText(/^Updated /);
    expect(violations).toEqual([]);
  });

  test("the admin's traders, a trader's page, the cache page and a missing page run with nothing refused", async ({
    page,
  }) => {
    const violations = await policyViolations(page);
    await signIn(page, ADMIN, /\/admin$/);
    const traders = page.getByRole("table", { name: "Traders" });
    await expect(traders.getByRole("row")).not.toHaveCount(0);

    await traders.getByRole("link").first().click();
    await expect(page).toHaveURL(/\/admin\/traders\/[^/]+$/);
    await expect(page.getByRole("heading", { name: /^Live risk, as / })).toBeVisible();
    await expect(page.getByRole("button", { name: "Save profile" })).toBeVisible();
    await expect.poll(() => chartIsDrawn(page, /^Equity/)).toBe(true);

    await page.goto("/admin/cache");
    await expect(page.getByRole("heading", { level: 1, name: "Cache" })).toBeVisible();
    await expect(page.getByRole("table", { name: "Hit rate by kind" })).toBeVisible();

    const missing = await page.goto("/no-such-page");
    expect(missing?.status()).toBe(404);
    await page.waitForLoadState("networkidle");
    expect(violations).toEqual([]);
  });

  test("an inline script slipped into a page does not run, and is reported", async ({ page }) => {
    const violations = await policyViolations(page);
    await page.goto("/login");
    await page.getByLabel("Email").waitFor();
    await page.evaluate(() => {
      document.body.insertAdjacentHTML(
        "beforeend",
        `<img src="/icon.svg?x" onload="document.title = 'pwned'">`,
      );
    });
    await expect.poll(() => violations.length).toBeGreaterThan(0);
    expect(await page.title()).not.toBe("pwned");
  });

  test("pages carry a policy with a fresh nonce on Next's scripts and no inline or eval allowance", async ({
    request,
  }) => {
    const [first, second] = [await request.get("/login"), await request.get("/login")];
    expectSecurityHeaders(first);
    const policy = directives(first.headers()["content-security-policy"]);
    const scripts = policy.get("script-src") ?? [];
    expect(scripts).toContain("'strict-dynamic'");
    expect(scripts).not.toContain("'unsafe-inline'");
    expect(scripts).not.toContain("'unsafe-eval'");
    expect(policy.get("style-src")).not.toContain("'unsafe-inline'");
    expect(policy.get("object-src")).toEqual(["'none'"]);

    const nonce = scripts.find((source) => source.startsWith("'nonce-"))?.slice(7, -1);
    expect(nonce).toBeTruthy();
    const html = await first.text();
    expect(html).toContain(`nonce="${nonce}"`);
    expect(second.headers()["content-security-policy"]).not.toContain(`'nonce-${nonce}'`);
  });

  test("API answers carry the headers and a policy that allows nothing", async ({ request }) => {
    const paths = [
      "/api/health",
      "/api/trpc/auth.me",
      "/api/health/live",
      "/api/metrics",
      "/api/v1/prices",
    ];
    for (const path of paths) {
      const response = await request.get(path);
      expectSecurityHeaders(response);
      expect(directives(response.headers()["content-security-policy"]).get("default-src")).toEqual([
        "'none'",
      ]);
    }
  });
});

test.describe("after signing in, `next` leads only to this site", () => {
  const HOSTILE = [
    "/\\evil.example",
    "//evil.example",
    "\\\\evil.example",
    "/\t/evil.example",
    "https://evil.example/",
    "/.//evil.example",
  ];

  test.beforeEach(async ({ context }) => {
    // Should the app send the browser away, it lands here rather than on the network.
    await context.route(
      (url) => url.hostname.endsWith("evil.example"),
      (route) => route.fulfill({ contentType: "text/html", body: "<h1>Elsewhere</h1>" }),
    );
  });

  test("a signed-in visitor opening sign-in with a hostile `next` is sent home", async ({
    page,
    baseURL,
  }) => {
    await signIn(page, TRADER, /\/dashboard$/);
    for (const next of HOSTILE) {
      const response = await page.request.get(`/login?next=${encodeURIComponent(next)}`, {
        maxRedirects: 0,
      });
      const location = response.headers().location;
      expect(location, `a redirect for ${next}`).toBeTruthy();
      expect(new URL(location ?? "", baseURL).origin, `Location for ${next}: ${location}`).toBe(
        new URL(baseURL ?? "").origin,
      );
      await page.goto(`/login?next=${encodeURIComponent(next)}`);
      expect(page.url(), `after ${next}`).toBe(`${baseURL}/dashboard`);
    }
    await page.goto(`/login?next=${encodeURIComponent("/dashboard?from=mail#limits")}`);
    expect(page.url()).toBe(`${baseURL}/dashboard?from=mail#limits`);
  });

  test("signing in through the form with a hostile `next` lands home", async ({
    page,
    baseURL,
  }) => {
    await page.goto(`/login?next=${encodeURIComponent("/\\evil.example")}`);
    await signIn(page, TRADER, /\/dashboard$/);
    expect(page.url()).toBe(`${baseURL}/dashboard`);
  });
});

test.describe("health and metrics", () => {
  test("anybody learns only whether the app is up", async ({ request }) => {
    const health = await request.get("/api/health");
    expect(health.status()).toBe(200);
    expect(await health.json()).toEqual({ status: "ok" });
    const live = await request.get("/api/health/live");
    expect(live.status()).toBe(200);
  });

  test("a signed-in admin sees the details, a trader does not", async ({ browser }) => {
    const admin = await (await browser.newContext()).newPage();
    await signIn(admin, ADMIN, /\/admin$/);
    expect(await (await admin.request.get("/api/health")).json()).toMatchObject({
      status: "ok",
      version: expect.any(String),
      database: { status: "ok", mode: "external" },
      cache: { mode: "redis", status: "ok", redis: { connected: true } },
    });

    const trader = await (await browser.newContext()).newPage();
    await signIn(trader, TRADER, /\/dashboard$/);
    expect(await (await trader.request.get("/api/health")).json()).toEqual({ status: "ok" });
  });

  test("metrics are refused without the operator token", async ({ request }) => {
    const attempts: Record<string, string>[] = [
      {},
      { authorization: "Bearer not-the-operator-token-at-all-0000" },
    ];
    for (const headers of attempts) {
      const response = await request.get("/api/metrics", { headers });
      expect([401, 404]).toContain(response.status());
      expect(await response.text()).not.toMatch(/^# (HELP|TYPE) /m);
    }
  });
});
