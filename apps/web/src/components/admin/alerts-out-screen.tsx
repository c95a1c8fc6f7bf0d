"use client";

import { AlertDeliveries } from "./alert-deliveries.tsx";
import { AlertEmailSettings } from "./alert-email-settings.tsx";
import { WebhookSettings } from "./webhook-settings.tsx";

/** The alerts-out screen: the webhook, email, and the delivery history. */
export function AlertsOutScreen() {
  return (
    <>
      <WebhookSettings />
      <AlertEmailSettings />
      <AlertDeliveries />
    </>
  );
}
