import type { Metadata } from "next";
import type { ReactNode } from "react";
import { TRPCReactProvider } from "~/trpc/client.tsx";
import "./globals.css";

export const metadata: Metadata = {
  title: "Risk Dashboard",
  description: "Live trading risk: VaR, drawdown, exposure and limits, per trader.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <TRPCReactProvider>{children}</TRPCReactProvider>
      </body>
    </html>
  );
}
