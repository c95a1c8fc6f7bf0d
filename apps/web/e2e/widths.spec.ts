import { expect, type Page, test } from "@playwright/test";
import { seriousViolations } from "./support/axe.ts";
import { hydrated } from "./support/hydration.ts";
import { signIn, sql } from "./support/session.ts";

const TRADER = "maya@northwind.example.com";
const ADMIN = "admin@northwind.example.com";

/** A phone (an iPhone's 390 px) and a desktop. */
const WIDTHS = [
  { name: "phone", width: 390, height: 844 },
  { name: "desktop", width: 1440, height: 900 },
] as const;

interface Screen {
  name: string;
  /** Who looks at it; nobody signs in without. */
  as?: string;
  /** Where it is: a path, or one found in the data (a trader's id). */
  path: string | (() => Promise<string>);
  /** Waits until the screen shows what it is for, so the check sees the whole page. */
  ready: (page: Page) => Promise<void>;
}

const chartDrawn = (page: Page) =>
  expect(page.locator(".chart-canvas canvas").first()).toBeVisible();

/** Every main screen, checked at both widths: add a new screen here. */
const SCREENS: Screen[] = [
  {
    name: "sign-in",
    path: "/login",
    ready: (page) => hydrated(page),
  },
  {
    name: "the trader's dashboard",
    as: TRADER,
    path: "/dashboard",
    ready: async (page) => {
      await chartDrawn(page);
      await expect(page.getByRole("table", { name: "Exposure by position" })).toBeVisible();
    },
  },
  {
    name: "the admin's traders",
    as: ADMIN,
    path: "/admin",
    ready: (page) => expect(page.getByRole("table", { name: "Traders" })).toBeVisible(),
  },
  {
    name: "a trader's admin page",
    as: ADMIN,
    path: async () => {
      const [maya] = await sql<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [TRADER]);
      return `/admin/traders/${maya?.id}`;
    },
    ready: async (page) => {
      await expect(page.getByRole("table", { name: "Risk limits" })).toBeVisible();
      await chartDrawn(page);
    },
  },
  {
    name: "the firm's scenarios",
    as: ADMIN,
    path: "/admin/scenarios",
    ready: (page) => expect(page.getByRole("button", { name: "Add scenario" })).toBeVisible(),
  },
  {
    name: "the cache",
    as: ADMIN,
    path: "/admin/cache",
    ready: (page) => expect(page.getByRole("table", { name: "Hit rate by kind" })).toBeVisible(),
  },
  {
    name: "the firm's people",
    as: ADMIN,
    path: "/admin/people",
    ready: (page) => expect(page.getByRole("table", { name: "People" })).toBeVisible(),
  },
  {
    name: "the firm's API tokens",
    as: ADMIN,
    path: "/admin/tokens",
    ready: (page) => expect(page.getByRole("button", { name: "Make token" })).toBeVisible(),
  },
  {
    name: "the firm's alerts out",
    as: ADMIN,
    // With a webhook saved, so the secret (one long word) shows and must wrap on a phone.
    path: async () => {
      await sql(
        `INSERT INTO "AlertSettings" ("tenantId", "webhookUrl", "webhookSecret", "updatedAt")
         SELECT "tenantId", 'https://hooks.example.com/risk-dashboard/alerts', $2, now()
           FROM "User" WHERE email = $1
         ON CONFLICT ("tenantId") DO NOTHING`,
        [ADMIN, `whsec_${"A".repeat(43)}=`],
      );
      return "/admin/alerts-out";
    },
    ready: async (page) => {
      await expect(page.locator("code.secret")).toBeVisible();
      await expect(page.getByRole("heading", { name: "Delivery history" })).toBeVisible();
    },
  },
  {
    name: "importing a file, with a preview's invalid rows",
    as: ADMIN,
    path: "/admin/imports",
    // A preview only reads: the demo firm is left as it was.
    ready: async (page) => {
      await hydrated(page);
      await page.getByRole("radio", { name: /^Daily closes/ }).check();
      await page.getByLabel("CSV file").setInputFiles({
        name: "closes.csv",
        mimeType: "text/csv",
        buffer: Buffer.from("symbol,date,close\nNVX,2026-11-21,180.50\nNOPE,2026-11-20,1.00\n"),
      });
      await page.getByRole("button", { name: "Preview" }).click();
      await expect(page.getByRole("table", { name: "Problems" })).toBeVisible();
    },
  },
  {
    name: "the audit log",
    as: ADMIN,
    path: "/admin/audit",
    // The log as it stands: its table once anything was audited, else the empty note.
    ready: (page) =>
      expect(
        page
          .getByRole("table", { name: "Changes" })
          .or(page.getByText("No changes match these filters.")),
      ).toBeVisible(),
  },
  {
    name: "changing one's password",
    as: TRADER,
    path: "/account/password",
    ready: (page) =>
      expect(page.getByRole("heading", { level: 1, name: "Change password" })).toBeVisible(),
  },
  {
    name: "a missing page",
    path: "/no/such/page",
    ready: (page) => expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible(),
  },
];

/**
 * What sticks out past the window's right edge, outside a box that scrolls on its own (a wide
 * table's): what makes the page scroll sideways, named so a failure says where to look.
 */
function pastTheRightEdge(page: Page) {
  return page.evaluate(() => {
    const edge = document.documentElement.clientWidth;
    // A scroll box clips what it contains, except what is positioned against a box outside it
    // (a visually hidden heading placed against the page): that stretches the page.
    const scrollsOnItsOwn = (element: HTMLElement) => {
      const { position } = getComputedStyle(element);
      if (position === "fixed") return false;
      let box = position === "absolute" ? element.offsetParent : element.parentElement;
      for (; box && box !== document.body; box = box.parentElement) {
        if (getComputedStyle(box).overflowX !== "visible") return true;
      }
      return false;
    };
    return [...document.body.querySelectorAll<HTMLElement>("*")]
      .filter((element) => element.getBoundingClientRect().right > edge + 0.5)
      .filter((element) => !scrollsOnItsOwn(element))
      .map((element) => `${element.tagName.toLowerCase()}.${[...element.classList].join(".")}`)
      .slice(0, 10);
  });
}

for (const size of WIDTHS) {
  test.describe(`at ${size.width} px (${size.name})`, () => {
    test.use({ viewport: { width: size.width, height: size.height } });

    for (const screen of SCREENS) {
      test(`${screen.name} fits the width and passes axe`, async ({ page }) => {
        if (screen.as) await signIn(page, screen.as);
        await page.goto(typeof screen.path === "string" ? screen.path : await screen.path());
        await screen.ready(page);
        expect(await pastTheRightEdge(page)).toEqual([]);
        const { scrollWidth, innerWidth } = await page.evaluate(() => ({
          scrollWidth: document.documentElement.scrollWidth,
          innerWidth: window.innerWidth,
        }));
        expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
        expect(await seriousViolations(page)).toEqual([]);
      });
    }
  });
}
