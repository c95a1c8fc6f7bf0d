import type { Metadata } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { TRPCReactProvider } from "~/trpc/client.tsx";
import "./globals.css";

export const metadata: Metadata = {
  title: "Risk Dashboard",
  description: "Live trading risk: VaR, drawdown, exposure and limits, per trader.",
};

/**
 * Every page renders per request, the not-found page included: the Content-Security-Policy
 * (src/proxy.ts) has a fresh nonce each time, which a page prerendered at build time would
 * not carry on its scripts.
 */
export default async function RootLayout({ children }: { children: ReactNode }) {
  await connection();
  return (
    <html lang="en">
      <body>
        <TRPCReactProvider>{children}</TRPCReactProvider>
      </body>
    </html>
  );
}
