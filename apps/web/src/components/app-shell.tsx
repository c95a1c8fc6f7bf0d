import type { Viewer } from "@repo/api";
import Link from "next/link";
import type { ReactNode } from "react";
import { CHANGE_PASSWORD_PATH } from "~/lib/account.ts";
import { SignOutButton } from "./sign-out-button.tsx";

/** The frame of every signed-in page: who you are, where you can go, and sign out. */
export function AppShell({ viewer, children }: { viewer: Viewer; children: ReactNode }) {
  return (
    <>
      <header className="shell">
        <span className="brand">Risk Dashboard</span>
        <nav aria-label="Main">
          {viewer.role === "ADMIN" ? (
            <>
              <Link href="/admin">Traders</Link>
              <Link href="/admin/scenarios">Scenarios</Link>
              <Link href="/admin/audit">Audit log</Link>
              <Link href="/admin/cache">Cache</Link>
              <Link href="/admin/people">People</Link>
              <Link href="/admin/tokens">API tokens</Link>
              <Link href="/admin/alerts-out">Alerts out</Link>
              <Link href="/admin/imports">Import</Link>
            </>
          ) : (
            <Link href="/dashboard">My risk</Link>
          )}
        </nav>
        <span className="who">
          {viewer.name} · {viewer.tenant.name}
        </span>
        <Link href={CHANGE_PASSWORD_PATH} className="account-link">
          Change password
        </Link>
        <SignOutButton />
      </header>
      <main>{children}</main>
    </>
  );
}
