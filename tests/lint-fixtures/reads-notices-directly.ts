import { eq } from "drizzle-orm";
import { db } from "~/db/index";
import { notices } from "~/db/schema";

// What the lint rule refuses outside the listed modules: a read of the notices table that no
// visibility builder filters, so a RED notice's title reaches whoever asks for its id.
export async function noticeTitle(id: string) {
  const [row] = await db.select({ title: notices.title }).from(notices).where(eq(notices.id, id));
  return row?.title ?? null;
}
