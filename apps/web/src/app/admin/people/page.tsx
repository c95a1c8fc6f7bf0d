import type { Metadata } from "next";
import { PeopleScreen } from "~/components/admin/people-screen.tsx";
import { AppShell } from "~/components/app-shell.tsx";
import { requireViewer } from "~/server/viewer.ts";
import { getQueryClient, HydrateClient, trpc } from "~/trpc/server.tsx";

export const metadata: Metadata = { title: "People · Risk Dashboard" };
export const dynamic = "force-dynamic";

/** The firm's people: who can sign in, and adding, deactivating and resetting them. */
export default async function PeoplePage() {
  const viewer = await requireViewer("ADMIN", "/admin/people");
  await getQueryClient().prefetchQuery(trpc.admin.people.list.queryOptions());
  return (
    <AppShell viewer={viewer}>
      <h1>People</h1>
      <p className="lead">
        Everyone who signs in to your firm. A deactivated person is signed out everywhere at once
        and cannot sign in; their book and history stay.
      </p>
      <HydrateClient>
        <PeopleScreen viewerId={viewer.userId} />
      </HydrateClient>
    </AppShell>
  );
}
