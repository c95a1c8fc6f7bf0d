import type { Metadata } from "next";
import { StatusPage } from "~/components/status-page.tsx";

export const metadata: Metadata = { title: "Not found · Risk Dashboard" };

/**
 * The site's own 404, for every unknown address, nested or not, signed in or out. Next's
 * built-in one styles itself with an inline style element that carries no nonce, which the
 * pages' Content-Security-Policy refuses (src/proxy.ts).
 */
export default function NotFound() {
  return (
    <StatusPage
      title="Page not found"
      lead="There is no page at this address. It may have moved, or the link may be mistyped."
    />
  );
}
