import type { TRPCRouterRecord } from "@trpc/server";
import { adminAlertsOutDeliveriesRoute } from "./alerts-out-deliveries.ts";
import { adminAlertsOutRotateSecretRoute } from "./alerts-out-rotate-secret.ts";
import { adminAlertsOutSendTestRoute } from "./alerts-out-send-test.ts";
import { adminAlertsOutSetEmailRoute } from "./alerts-out-set-email.ts";
import { adminAlertsOutSetWebhookRoute } from "./alerts-out-set-webhook.ts";
import { adminAlertsOutSettingsRoute } from "./alerts-out-settings.ts";
import { adminAuditActorsRoute } from "./audit-actors.ts";
import { adminAuditLogRoute } from "./audit-log.ts";
import { adminCacheDeploymentRoute } from "./cache-deployment.ts";
import { adminCacheStatsRoute } from "./cache-stats.ts";
import { adminInvalidateTenantRoute } from "./invalidate-tenant.ts";
import { adminPeopleAddRoute } from "./people-add.ts";
import { adminPeopleDeactivateRoute } from "./people-deactivate.ts";
import { adminPeopleListRoute } from "./people-list.ts";
import { adminPeopleReactivateRoute } from "./people-reactivate.ts";
import { adminPeopleResetPasswordRoute } from "./people-reset-password.ts";
import { adminPriceSourceGetRoute } from "./price-source-get.ts";
import { adminPriceSourceSetRoute } from "./price-source-set.ts";
import { adminScenariosCreateRoute } from "./scenarios-create.ts";
import { adminScenariosDeleteRoute } from "./scenarios-delete.ts";
import { adminScenariosListRoute } from "./scenarios-list.ts";
import { adminSignInStateRoute } from "./sign-in-state.ts";
import { adminTokensCreateRoute } from "./tokens-create.ts";
import { adminTokensListRoute } from "./tokens-list.ts";
import { adminTokensRevokeRoute } from "./tokens-revoke.ts";
import { adminTokensUsesRoute } from "./tokens-uses.ts";
import { adminTradersRoute } from "./traders.ts";
import { adminUnlockSignInRoute } from "./unlock-sign-in.ts";
import { adminWarmUpRoute } from "./warm-up.ts";

export const adminRouter = {
  traders: adminTradersRoute,
  auditLog: adminAuditLogRoute,
  auditActors: adminAuditActorsRoute,
  cacheStats: adminCacheStatsRoute,
  cacheDeployment: adminCacheDeploymentRoute,
  warmUp: adminWarmUpRoute,
  invalidateTenant: adminInvalidateTenantRoute,
  signInState: adminSignInStateRoute,
  unlockSignIn: adminUnlockSignInRoute,
  scenarios: {
    list: adminScenariosListRoute,
    create: adminScenariosCreateRoute,
    delete: adminScenariosDeleteRoute,
  },
  people: {
    list: adminPeopleListRoute,
    add: adminPeopleAddRoute,
    deactivate: adminPeopleDeactivateRoute,
    reactivate: adminPeopleReactivateRoute,
    resetPassword: adminPeopleResetPasswordRoute,
  },
  tokens: {
    list: adminTokensListRoute,
    create: adminTokensCreateRoute,
    revoke: adminTokensRevokeRoute,
    uses: adminTokensUsesRoute,
  },
  settings: {
    priceSource: { get: adminPriceSourceGetRoute, set: adminPriceSourceSetRoute },
  },
  alertsOut: {
    settings: adminAlertsOutSettingsRoute,
    setWebhook: adminAlertsOutSetWebhookRoute,
    rotateSecret: adminAlertsOutRotateSecretRoute,
    setEmail: adminAlertsOutSetEmailRoute,
    sendTest: adminAlertsOutSendTestRoute,
    deliveries: adminAlertsOutDeliveriesRoute,
  },
} satisfies TRPCRouterRecord;
