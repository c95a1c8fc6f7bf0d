import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AuditHistory } from "~/components/admin/audit-history.tsx";
import { auditInput } from "~/components/admin/audit-input.ts";
import { LimitsTable } from "~/components/admin/limits-table.tsx";
import { ProfileForm } from "~/components/admin/profile-form.tsx";
import { SignInLock } from "~/components/admin/sign-in-lock.tsx";
import { AppShell } from "~/components/app-shell.tsx";
import { Dashboard } from "~/components/dashboard/dashboard.tsx";
import { dashboardInput } from "~/components/dashboard/dashboard-input.ts";
import { traderName } from "~/server/trader-name.ts";
import { requireViewer } from "~/server/viewer.ts";
import { getQueryClient, HydrateClient, prefetchDashboard, trpc } from "~/trpc/server.tsx";

export const metadata: Metadata = { title: "Trader · Risk Dashboard" };
export const dynamic = "force-dynamic";

/** NOT_FOUND (another tenant's or no such trader) and BAD_REQUEST (not a uuid) look the same. */
function isUnknownTrader(error: unknown): boolean {
  return error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST");
}

/** One trader for an admin: sign-in, profile, limits, live risk and the history of changes. */
export default async function TraderPage({ params }: PageProps<"/admin/traders/[traderId]">) {
  const { traderId } = await params;
  const viewer = await requireViewer("ADMIN", `/admin/traders/${encodeURIComponent(traderId)}`);
  const queryClient = getQueryClient();
  try {
    // The profile is fetched first and alone: it is the check that this trader is the admin's.
    await queryClient.fetchQuery(trpc.risk.profile.get.queryOptions({ traderId }));
  } catch (error) {
    if (isUnknownTrader(error)) notFound();
    throw error;
  }
  const name = await traderName(traderId);
  if (name === null) notFound();
  const input = dashboardInput(traderId);
  await Promise.all([
    queryClient.prefetchQuery(trpc.risk.limits.list.queryOptions({ traderId })),
    prefetchDashboard(queryClient, input),
    queryClient.prefetchQuery(trpc.admin.auditLog.queryOptions(auditInput(traderId))),
    queryClient.prefetchQuery(trpc.admin.signInState.queryOptions({ traderId })),
  ]);
  return (
    <AppShell viewer={viewer}>
      <h1>{name}</h1>
      <p className="lead">Sign-in, risk profile, limits, live risk and the history of changes.</p>
      <HydrateClient>
        <SignInLock traderId={traderId} />
        <ProfileForm traderId={traderId} />
        <LimitsTable traderId={traderId} />
        <section className="live-risk" aria-labelledby="live-risk-heading">
          <h2 id="live-risk-heading">Live risk, as {name} sees it</h2>
          <Dashboard traderId={traderId} />
        </section>
        <AuditHistory traderId={traderId} />
      </HydrateClient>
    </AppShell>
  );
}
