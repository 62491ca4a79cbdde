import { ZCrossingList, ZReferenceGet, ZSubstanceSearch } from "~/schemas/reference";
import { permissionProcedure, router } from "~/server/api/trpc";
import {
  getCrossing,
  getSubstance,
  listCountries,
  listCrossings,
  listProvisions,
  searchSubstances,
} from "~/server/services/reference";

const read = permissionProcedure("reference.read");

export const referenceRouter = router({
  crossings: router({
    list: read.input(ZCrossingList).query(({ ctx: { viewer }, input }) => listCrossings({ viewer, input })),
    get: read.input(ZReferenceGet).query(({ ctx: { viewer }, input }) => getCrossing({ viewer, input })),
  }),
  substances: router({
    search: read.input(ZSubstanceSearch).query(({ ctx: { viewer }, input }) => searchSubstances({ viewer, input })),
    get: read.input(ZReferenceGet).query(({ ctx: { viewer }, input }) => getSubstance({ viewer, input })),
  }),
  provisions: router({
    list: read.query(() => listProvisions()),
  }),
  countries: router({
    list: read.query(({ ctx: { viewer } }) => listCountries({ viewer })),
  }),
});
