import { expect, type Page } from "@playwright/test";

/**
 * Waits until React has hydrated every control of the server-rendered page. Before that a click
 * does nothing and a submit posts the form natively (the sign-in form would put the password in
 * the URL). How long hydration takes after the HTML arrives depends on the machine's load, so no
 * quiet period ("networkidle") or sleep stands in for it. React gives each element it has
 * hydrated its props, as an own property named `__reactProps$…`.
 */
export async function hydrated(page: Page) {
  const allHydrated = () =>
    page.evaluate(() => {
      const controls = [...document.querySelectorAll("a[href], button, input, select, textarea")];
      const isReacts = (element: Element) =>
        Object.keys(element).some((key) => key.startsWith("__reactProps$"));
      return controls.length > 0 && controls.every(isReacts);
    });
  // A navigation under way replaces the document being asked: ask the next one.
  await expect
    .poll(() => allHydrated().catch(() => false), { message: `${page.url()} is hydrated` })
    .toBe(true);
}
