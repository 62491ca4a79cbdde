import { taxiiHandler } from "~/server/api/taxii/handler";
import { objects } from "~/server/api/taxii/resources";

export const dynamic = "force-dynamic";

export const GET = taxiiHandler(objects);
