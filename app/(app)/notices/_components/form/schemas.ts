import { z } from "zod";
import { text } from "~/schemas/fields";
import { ZCreateNotice, ZNoticeId, ZUpdateNotice } from "~/schemas/notices";

// What the notice form posts: the procedure's own input (create or update), and two things that
// are the form's alone: existing alerts to link a new one to, and TLP:RED recipients typed as
// email addresses where the search cannot run (no JavaScript). Apart from ./values, which the
// browser needs at once: these (and zod) it loads once the author starts on the form.
const recipientEmails = text(5_000).optional();
export const ZNoticeCreateForm = ZCreateNotice.extend({ linkIds: z.array(ZNoticeId).max(20).default([]), recipientEmails });
export const ZNoticeEditForm = ZUpdateNotice.extend({ recipientEmails });
