"use client";

import { useState } from "react";
import { AddTraderForm } from "./add-trader-form.tsx";
import { PeopleTable } from "./people-table.tsx";
import { type IssuedPassword, TemporaryPassword } from "./temporary-password.tsx";

/** The people screen's parts, which share the one temporary password shown at a time. */
export function PeopleScreen({ viewerId }: { viewerId: string }) {
  const [issued, setIssued] = useState<IssuedPassword | null>(null);
  return (
    <>
      {issued ? <TemporaryPassword issued={issued} onDone={() => setIssued(null)} /> : null}
      <PeopleTable viewerId={viewerId} onIssued={setIssued} />
      <AddTraderForm onIssued={setIssued} />
    </>
  );
}
