/**
 * The dashboard's polls, counted and steered by what happens rather than by the clock: on a
 * loaded machine the browser's timers, the server and Playwright's events all run late by
 * seconds, so "two polls fit in 12 s" or "it shows within 7 s" fail there while the app is right.
 */
import type { Page, Request as PlaywrightRequest, Route } from "@playwright/test";
import { POLL_INTERVAL_MS } from "../../src/trpc/query-client.ts";

/** A tRPC request the page made, and the tick of the poll timer it followed (0: none yet). */
export interface PollRequest {
  tick: number;
  /** The batch's procedures as sent, e.g. `risk.dashboard` or `risk.dashboard,risk.chart`. */
  procedures: string;
  answered: boolean;
}

interface PollRecord {
  ticks: number;
  requests: PollRequest[];
}

type WithRecord = typeof globalThis & { __e2ePolls?: PollRecord };

/**
 * Records, inside the page and on its own clock, every tick of the dashboard's poll timer (the
 * one interval of POLL_INTERVAL_MS) and every tRPC request with the tick it followed. Install
 * before the page loads the app.
 */
export async function recordPolls(page: Page) {
  await page.addInitScript((intervalMs) => {
    const record: PollRecord = { ticks: 0, requests: [] };
    (globalThis as WithRecord).__e2ePolls = record;
    const setInterval = globalThis.setInterval;
    globalThis.setInterval = ((handler: TimerHandler, timeout?: number, ...args: unknown[]) => {
      if (timeout !== intervalMs || typeof handler !== "function") {
        return setInterval(handler, timeout, ...args);
      }
      return setInterval(() => {
        record.ticks++;
        handler(...args);
      }, timeout);
    }) as typeof globalThis.setInterval;
    const fetch = globalThis.fetch;
    globalThis.fetch = async (input, init) => {
      const url = new URL(input instanceof Request ? input.url : String(input), location.href);
      if (!url.pathname.startsWith("/api/trpc/")) return fetch(input, init);
      const request = {
        tick: record.ticks,
        procedures: url.pathname.slice("/api/trpc/".length),
        answered: false,
      };
      record.requests.push(request);
      const response = await fetch(input, init);
      request.answered = true;
      return response;
    };
  }, POLL_INTERVAL_MS);

  const read = () =>
    page.evaluate(() => (globalThis as WithRecord).__e2ePolls ?? { ticks: 0, requests: [] });
  return {
    /** The poll timer's ticks so far. */
    ticks: async () => (await read()).ticks,
    /** The tRPC requests that followed each tick after `tick`, by tick. */
    requestsAfter: async (tick: number) => (await read()).requests.filter((r) => r.tick > tick),
    /** Waits, however long the browser takes, until the poll timer has ticked `tick` times. */
    untilTick: (tick: number) =>
      page.waitForFunction(
        (count) => ((globalThis as WithRecord).__e2ePolls?.ticks ?? 0) >= count,
        tick,
        { timeout: 0 },
      ),
    /** Waits until a request that followed tick `tick` has been answered. */
    untilAnswered: (tick: number) =>
      page.waitForFunction(
        (after) =>
          ((globalThis as WithRecord).__e2ePolls?.requests ?? []).some(
            (request) => request.tick === after && request.answered,
          ),
        tick,
        { timeout: 0 },
      ),
  };
}

const isPoll = (request: PlaywrightRequest) =>
  request.method() === "GET" && new URL(request.url()).pathname.startsWith("/api/trpc/");

/**
 * Holds the page's polls (tRPC queries, GET /api/trpc/…) at the network until the test lets them
 * through, so the test decides which poll reaches the server after which change, and no other
 * poll reaches it meanwhile. Sign-in and other mutations pass.
 */
export async function holdPolls(page: Page) {
  const held: Route[] = [];
  let arrived: () => void = () => undefined;
  const hold = async (route: Route) => {
    if (!isPoll(route.request())) return route.fallback();
    held.push(route);
    arrived();
  };
  const matches = (url: URL) => url.pathname.startsWith("/api/trpc/");
  await page.route(matches, hold);

  const release = async (routes: Route[]) => {
    // A poll the page gave up on (a later poll replaced it, the page left) is gone already.
    await Promise.all(routes.map((route) => route.continue().catch(() => undefined)));
  };
  const nextHeld = async (): Promise<Route[]> => {
    if (held.length === 0) await new Promise<void>((resolve) => (arrived = resolve));
    return held.splice(0);
  };
  return {
    /**
     * Lets the polls held so far reach the server, or the next one when none is held, until a
     * poll asking for `procedure` (any poll when omitted) has been answered: the page's current
     * answer to it. On a loaded machine the dashboard's queries can leave in separate requests
     * (each has its own timer), so the one the test waits for may not be the first held.
     * Later polls stay held.
     */
    async releaseNext(procedure?: string): Promise<void> {
      for (;;) {
        const routes = await nextHeld();
        await release(routes);
        const awaited = routes.filter(
          (route) => procedure === undefined || route.request().url().includes(procedure),
        );
        const answers = await Promise.all(awaited.map((route) => route.request().response()));
        // A poll the page gave up on has no answer: the page's next one carries it.
        if (answers.some((answer) => answer !== null)) return;
      }
    },
    /** Stops holding: every poll held or to come goes through. */
    async stop(): Promise<void> {
      await page.unroute(matches, hold);
      await release(held.splice(0));
    },
  };
}
