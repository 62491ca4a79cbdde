import { env } from "~/env.js";
import { healthResponse } from "~/server/services/health";

export const dynamic = "force-dynamic";

export const GET = (request: Request) => healthResponse(request, env.HEALTH_TOKEN);
