/** The DATABASE_URL a CLI command works on; it exits with one clear line when there is none. */
export function requireDatabaseUrl(command: string): string {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error(
      `${command}: DATABASE_URL is not set. Example: DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres pnpm ${command}`,
    );
    process.exit(2);
  }
  return url;
}
