import { apiHandler } from "~/server/api/rest/handler";
import { API_OPERATIONS } from "~/server/api/rest/operations";

export const dynamic = "force-dynamic";

export const GET = apiHandler(API_OPERATIONS.listSubstances);
