import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentViewer, homeOf } from "~/server/viewer.ts";
import { LoginForm } from "./login-form.tsx";
import { safeNextPath } from "./next-path.ts";

export const metadata: Metadata = { title: "Sign in · Risk Dashboard" };

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const next = safeNextPath(params.next);
  const viewer = await currentViewer();
  // Someone on a temporary password goes to choose their own, wherever they were headed.
  if (viewer) redirect(((viewer.mustChangePassword ? null : next) ?? homeOf(viewer)) as never);
  return (
    <main className="login">
      <h1>Risk Dashboard</h1>
      <p className="lead">Sign in to see your book's risk, live.</p>
      {params.expired ? (
        <p className="notice" role="status">
          Your session ended. Sign in again to continue where you were.
        </p>
      ) : null}
      <LoginForm next={next} />
    </main>
  );
}
