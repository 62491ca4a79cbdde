import { ZAgencyCreate, ZAgencySetActive, ZAgencyUpdate } from "~/schemas/agencies";
import { permissionProcedure, router } from "~/server/api/trpc";
import { createAgency, listAgencies, listCountries, listDirectory, setAgencyActive, updateAgency } from "~/server/services/agencies";

export const agenciesRouter = router({
  directory: permissionProcedure("agency.read").query(() => listDirectory()),
  list: permissionProcedure("agency.manage").query(() => listAgencies()),
  countries: permissionProcedure("agency.manage").query(() => listCountries()),
  create: permissionProcedure("agency.manage")
    .input(ZAgencyCreate)
    .mutation(({ ctx: { viewer }, input }) => createAgency({ viewer, input })),
  update: permissionProcedure("agency.manage")
    .input(ZAgencyUpdate)
    .mutation(({ ctx: { viewer }, input }) => updateAgency({ viewer, input })),
  setActive: permissionProcedure("agency.manage")
    .input(ZAgencySetActive)
    .mutation(({ ctx: { viewer }, input }) => setAgencyActive({ viewer, input })),
});
