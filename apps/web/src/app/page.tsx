import { redirect } from "next/navigation";
import { currentViewer, homeOf } from "~/server/viewer.ts";

export const dynamic = "force-dynamic";

/** The front door: your own home when signed in, the sign-in page otherwise. */
export default async function StartPage() {
  const viewer = await currentViewer();
  redirect(viewer ? homeOf(viewer) : "/login");
}
