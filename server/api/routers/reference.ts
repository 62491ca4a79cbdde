import { ZCrossingCurate, ZCrossingList, ZProvisionCurate, ZReferenceGet, ZSubstanceCurate, ZSubstanceSearch } from "~/schemas/reference";
import { permissionProcedure, router } from "~/server/api/trpc";
import { getCrossing, getSubstance, listCountries, listCrossings, listProvisions, searchSubstances } from "~/server/services/reference";
import { curateCrossing, curateProvision, curateSubstance } from "~/server/services/reference-curation";

const read = permissionProcedure("reference.read");
const curate = permissionProcedure("reference.curate");

export const referenceRouter = router({
  crossings: router({
    list: read.input(ZCrossingList).query(({ ctx: { viewer }, input }) => listCrossings({ viewer, input })),
    get: read.input(ZReferenceGet).query(({ ctx: { viewer }, input }) => getCrossing({ viewer, input })),
    curate: curate.input(ZCrossingCurate).mutation(({ ctx: { viewer }, input }) => curateCrossing({ viewer, input })),
  }),
  substances: router({
    search: read.input(ZSubstanceSearch).query(({ ctx: { viewer }, input }) => searchSubstances({ viewer, input })),
    get: read.input(ZReferenceGet).query(({ ctx: { viewer }, input }) => getSubstance({ viewer, input })),
    curate: curate.input(ZSubstanceCurate).mutation(({ ctx: { viewer }, input }) => curateSubstance({ viewer, input })),
  }),
  provisions: router({
    list: read.query(() => listProvisions()),
    curate: curate.input(ZProvisionCurate).mutation(({ ctx: { viewer }, input }) => curateProvision({ viewer, input })),
  }),
  countries: router({
    list: read.query(({ ctx: { viewer } }) => listCountries({ viewer })),
  }),
});
