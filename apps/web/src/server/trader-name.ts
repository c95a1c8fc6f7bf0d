import "server-only";
import { serverCaller } from "~/trpc/server.tsx";

/**
 * The name of a trader of the viewer's firm, for a page heading, from the people list (the
 * traders list holds active traders only, and an admin may still open an inactive trader's
 * book); null when the id names no trader there.
 */
export async function traderName(traderId: string): Promise<string | null> {
  const people = await (await serverCaller()).admin.people.list();
  return people.find((person) => person.id === traderId && person.role === "TRADER")?.name ?? null;
}
