-- Custom SQL migration file, put your code below! --
-- Request budgets (server/http/request-budget.ts): one row per user and per client address, the
-- time (epoch seconds) at which the budget is full again. Unlogged: a budget is worth nothing
-- after a crash and needs no replica, and every request writes here.
CREATE UNLOGGED TABLE "request_budgets" (
	"key" text PRIMARY KEY NOT NULL,
	"tat" double precision NOT NULL,
	"allowed" boolean NOT NULL
) WITH (fillfactor = 50);
