import { taxiiHandler } from "~/server/api/taxii/handler";
import { apiRoot } from "~/server/api/taxii/resources";

export const dynamic = "force-dynamic";

export const GET = taxiiHandler(apiRoot);
