"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { ZLoginInput } from "@repo/api/validators";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { FieldError } from "~/components/field-error.tsx";
import { CHANGE_PASSWORD_PATH } from "~/lib/account.ts";
import { messageOf } from "~/lib/errors.ts";
import { useTRPC } from "~/trpc/client.tsx";
import { safeNextPath } from "./next-path.ts";

type LoginValues = z.input<typeof ZLoginInput>;

export function LoginForm({ next }: { next: string | null }) {
  const trpc = useTRPC();
  const router = useRouter();
  const form = useForm<LoginValues>({
    resolver: zodResolver(ZLoginInput),
    defaultValues: { email: "", password: "" },
  });
  const login = useMutation(
    trpc.auth.login.mutationOptions({
      onSuccess: (user) => {
        // Checked again here: whatever reaches this prop, the browser only ever goes to this site.
        // Someone on a temporary password may only choose their own first.
        const home = user.role === "ADMIN" ? "/admin" : "/dashboard";
        const to = user.mustChangePassword ? CHANGE_PASSWORD_PATH : (safeNextPath(next) ?? home);
        router.replace(to as never);
        router.refresh();
      },
    }),
  );
  const { errors } = form.formState;
  return (
    <form
      className="panel form"
      onSubmit={form.handleSubmit((values) => login.mutate(values))}
      noValidate
    >
      <label htmlFor="email">Email</label>
      <input
        id="email"
        type="email"
        autoComplete="username"
        aria-invalid={Boolean(errors.email)}
        aria-describedby="email-error"
        {...form.register("email")}
      />
      <FieldError id="email-error" message={errors.email?.message} />
      <label htmlFor="password">Password</label>
      <input
        id="password"
        type="password"
        autoComplete="current-password"
        aria-invalid={Boolean(errors.password)}
        aria-describedby="password-error"
        {...form.register("password")}
      />
      <FieldError id="password-error" message={errors.password?.message} />
      {login.error ? (
        <p className="error" role="alert">
          {messageOf(login.error)}
        </p>
      ) : null}
      <button type="submit" disabled={login.isPending || login.isSuccess}>
        {login.isPending || login.isSuccess ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
