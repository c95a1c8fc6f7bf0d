import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Not found · Risk Dashboard" };

/**
 * The site's own 404. Next's built-in one styles itself with an inline style element that
 * carries no nonce, which the pages' Content-Security-Policy refuses (src/proxy.ts).
 */
export default function NotFound() {
  return (
    <main>
      <h1>Page not found</h1>
      <p className="lead">There is no page at this address.</p>
      <p>
        <Link href="/">Back to the start</Link>
      </p>
    </main>
  );
}
