import { z } from "zod";
import { ZExportSelection, ZFormDInput } from "~/schemas/exports";
import { ZNoticeId } from "~/schemas/notices";
import { ZTaxiiObjectsInput } from "~/schemas/taxii";
import { permissionProcedure, router } from "~/server/api/trpc";
import { exportCsv } from "~/server/services/exports/csv";
import { formD } from "~/server/services/exports/form-d";
import { noticePicsSummary } from "~/server/services/exports/pics";
import { exportStix } from "~/server/services/exports/stix";
import { taxiiPage } from "~/server/services/exports/taxii";

// Exports read exactly what the pages read: the same permission, the same visibility rule.
const read = permissionProcedure("notice.read");

export const exportsRouter = router({
  csv: read.input(ZExportSelection).query(({ ctx: { viewer }, input }) => exportCsv({ viewer, input })),
  stix: read.input(ZExportSelection).query(({ ctx: { viewer }, input }) => exportStix({ viewer, input })),
  formD: read.input(ZFormDInput.extend({ as: z.enum(["page", "xlsx"]) })).query(({ ctx: { viewer }, input }) => formD({ viewer, input })),
  // One page of the TAXII collection of released notices (server/api/taxii/).
  taxii: read.input(ZTaxiiObjectsInput).query(({ ctx: { viewer }, input }) => taxiiPage(viewer, input)),
  pics: read.input(z.strictObject({ id: ZNoticeId })).query(({ ctx: { viewer }, input }) => noticePicsSummary({ viewer, input })),
});
