import { ZActiveAlertsAt, ZExpiringAlerts, ZQuietAgencies } from "~/schemas/home";
import { plainJson } from "~/server/api/transformer";
import { permissionProcedure, router } from "~/server/api/trpc";
import { activeAlertsAt, expiringAlerts, quietAgencies } from "~/server/services/home";

const read = permissionProcedure("notice.read");

export const homeRouter = router({
  expiringAlerts: read.input(ZExpiringAlerts).query(async ({ ctx: { viewer }, input }) => plainJson(await expiringAlerts({ viewer, input }))),
  activeAlertsAt: read.input(ZActiveAlertsAt).query(async ({ ctx: { viewer }, input }) => plainJson(await activeAlertsAt({ viewer, input }))),
  // The region's picture is the coordinators': which agencies have gone quiet, as far as they may read.
  quietAgencies: permissionProcedure("notice.read_region")
    .input(ZQuietAgencies)
    .query(({ ctx: { viewer }, input }) => quietAgencies({ viewer, input })),
});
