import { type Random, seededRandom } from "@repo/db/demo";

/**
 * The simulated market's volatility, the same for every sector: 2% a trading day (about 32% a
 * year) makes a dashboard visibly alive within minutes without pushing books through their
 * limits within the hour.
 */
export const DAILY_VOLATILITY = 0.02;

/** A trading session (6.5 hours): the feed compresses a trading day, not a calendar day. */
const TRADING_DAY_MS = 6.5 * 60 * 60 * 1_000;

/** A draw beyond 4 standard deviations is clipped: one tick never looks like a crash. */
export const MAX_DRAW = 4;

/** The lastPrice column holds 6 decimals; a price never rounds down to 0 or below. */
export const PRICE_DECIMALS = 6;
export const MIN_PRICE = 10 ** -PRICE_DECIMALS;

/** Standard deviation of one tick's log return, the daily volatility scaled to the interval. */
export function stepVolatility(intervalMs: number): number {
  return DAILY_VOLATILITY * Math.sqrt(intervalMs / TRADING_DAY_MS);
}

/**
 * One geometric Brownian step without drift: exp keeps the price positive, and the −σ²/2 term
 * keeps its expected value where it was.
 */
export function nextPrice(price: number, draw: number, volatility: number): number {
  const z = Math.max(-MAX_DRAW, Math.min(MAX_DRAW, draw));
  const moved = price * Math.exp(volatility * z - (volatility * volatility) / 2);
  return Math.max(MIN_PRICE, roundPrice(moved));
}

export function roundPrice(price: number): number {
  return Number(price.toFixed(PRICE_DECIMALS));
}

/**
 * The draws of one tick. Seeded by the feed's seed and the tick's number so that every instance
 * of the app would move the market the same way in the same tick, and a test can replay one.
 */
export function tickRandom(seed: number, tickNumber: number): Random {
  return seededRandom((Math.imul(tickNumber, 0x9e3779b1) ^ seed) | 0);
}
