"use client";

import { useState } from "react";
import { usePoll } from "~/components/dashboard/use-poll.ts";
import { useTRPC } from "~/trpc/client.tsx";
import { PriceSourceSetting } from "./price-source-setting.tsx";
import { TokenCreateForm } from "./token-create-form.tsx";
import { type IssuedToken, TokenSecret } from "./token-secret.tsx";
import { TokenUses } from "./token-uses.tsx";
import { TokensTable } from "./tokens-table.tsx";

/** The API tokens screen's parts, which share the one new secret shown at a time. */
export function TokensScreen() {
  const [issued, setIssued] = useState<IssuedToken | null>(null);
  const trpc = useTRPC();
  // Uses come from machines, not from this page: the list and the last uses follow them.
  usePoll([trpc.admin.tokens.uses.queryKey(), trpc.admin.tokens.list.queryKey()]);
  return (
    <>
      {issued ? <TokenSecret issued={issued} onDone={() => setIssued(null)} /> : null}
      <TokensTable />
      <TokenCreateForm onIssued={setIssued} />
      <PriceSourceSetting />
      <TokenUses />
    </>
  );
}
