// The API's test receiver, as the integration tests use it: a real HTTP server that verifies
// each request's Standard Webhooks signature and records the events by id.
export {
  startWebhookReceiver,
  type WebhookReceiver,
} from "@repo/api/webhook-receiver";
