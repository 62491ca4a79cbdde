import { ZScreenDeclaration } from "~/schemas/screening";
import { permissionProcedure, router } from "~/server/api/trpc";
import { screenDeclaration } from "~/server/services/screening/screen";

export const screeningRouter = router({
  // A mutation: it writes its audit entry, and a declaration is too long for a query's address.
  screen: permissionProcedure("declaration.screen")
    .input(ZScreenDeclaration)
    .mutation(({ ctx: { viewer }, input }) => screenDeclaration({ viewer, input })),
});
