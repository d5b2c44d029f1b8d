// The admin console's procedures, one router per area. Every procedure here is an
// adminProcedure and has a row in the authorization matrix (test/authorization.test.ts).
import { adminAssistantsRouter } from './assistants';
import { adminBudgetsRouter } from './budgets';
import { adminModelsRouter } from './models';
import { adminOverviewRouter } from './overview';
import { adminUsageRouter } from './usage';

export const adminRouter = {
  assistants: adminAssistantsRouter,
  models: adminModelsRouter,
  usage: adminUsageRouter,
  budgets: adminBudgetsRouter,
  overview: adminOverviewRouter,
};
