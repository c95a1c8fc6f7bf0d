import pg from "pg";

/** How often the feed's ticks are read: well inside the feed's 3 s between moves. */
const READ_EVERY_MS = 250;

/**
 * Each tenant's price tick as the database has it, read a few times a second beside the run:
 * what "the feed's tick when the poll was sent" is when a poll's answer is checked for freshness.
 */
export class PriceTicks {
  private readonly ticks = new Map<string, number>();
  private readonly client: pg.Client;
  private timer: NodeJS.Timeout | undefined;
  private reading: Promise<void> | undefined;

  private constructor(databaseUrl: string) {
    this.client = new pg.Client({ connectionString: databaseUrl });
  }

  static async start(databaseUrl: string): Promise<PriceTicks> {
    const ticks = new PriceTicks(databaseUrl);
    await ticks.client.connect();
    await ticks.read();
    ticks.timer = setInterval(() => {
      ticks.reading ??= ticks.read().finally(() => {
        ticks.reading = undefined;
      });
    }, READ_EVERY_MS);
    return ticks;
  }

  private async read() {
    const { rows } = await this.client.query<{ id: string; priceTick: number }>(
      `SELECT id, "priceTick" FROM "Tenant"`,
    );
    for (const row of rows) this.ticks.set(row.id, row.priceTick);
  }

  /** The tenant's latest tick read; undefined before the first read. */
  get(tenantId: string): number | undefined {
    return this.ticks.get(tenantId);
  }

  async stop() {
    clearInterval(this.timer);
    await this.reading;
    await this.client.end();
  }
}
