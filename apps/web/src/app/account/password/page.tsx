import type { Metadata } from "next";
import { ChangePasswordForm } from "~/components/account/change-password-form.tsx";
import { AppShell } from "~/components/app-shell.tsx";
import { CHANGE_PASSWORD_PATH } from "~/lib/account.ts";
import { homeOf, requireSignedIn } from "~/server/viewer.ts";
// The forms' look (fields, errors, the submit row) is the admin screens'.
import "~/app/admin/admin.css";

export const metadata: Metadata = { title: "Change password · Risk Dashboard" };
export const dynamic = "force-dynamic";

/** Every signed-in user's own password; the one page a temporary password opens. */
export default async function ChangePasswordPage() {
  const viewer = await requireSignedIn(CHANGE_PASSWORD_PATH);
  const temporary = viewer.mustChangePassword;
  return (
    <AppShell viewer={viewer}>
      <h1>Change password</h1>
      <p className="lead">
        {temporary
          ? "You signed in with a temporary password. Choose your own to continue."
          : "Your other sessions end when you change it; this one stays signed in."}
      </p>
      <ChangePasswordForm
        then={temporary ? homeOf({ ...viewer, mustChangePassword: false }) : null}
      />
    </AppShell>
  );
}
