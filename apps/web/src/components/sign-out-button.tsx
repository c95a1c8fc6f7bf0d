"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "~/trpc/client.tsx";

export function SignOutButton() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const logout = useMutation(
    trpc.auth.logout.mutationOptions({
      onSettled: () => {
        // Nothing of this user may stay in the page's cache for whoever signs in next.
        queryClient.clear();
        window.location.assign("/login");
      },
    }),
  );
  return (
    <button
      type="button"
      className="secondary"
      onClick={() => logout.mutate()}
      disabled={logout.isPending}
    >
      Sign out
    </button>
  );
}
