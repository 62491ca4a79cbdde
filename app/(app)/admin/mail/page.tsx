import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { Card, PageHeader, Table, TextLink } from "~/app/_components/ui";
import { api, orNotFound, requireViewer } from "~/app/_trpc/server";
import { RetryJobButton } from "./_components/retry-job-button";
import { RunDigestsButton } from "./_components/run-digests-button";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("subscriptions.admin"))("title") };
}

export default async function MailAdminPage({ searchParams }: { searchParams: Promise<{ before?: string; queued?: string; done?: string }> }) {
  await requireViewer();
  const query = await searchParams;
  const before = Number(query.before);
  // Where runDigests and retryJob send the browser after success.
  const queued = Number(query.queued);
  const caller = await api();
  const [mailbox, dead, t, format] = await Promise.all([
    orNotFound(caller.mail.mailbox(Number.isSafeInteger(before) && before > 0 ? { before } : {})),
    orNotFound(caller.mail.deadLetters()),
    getTranslations("subscriptions.admin"),
    getFormatter(),
  ]);
  const when = (date: Date) => format.dateTime(date, { dateStyle: "medium", timeStyle: "short" });
  return (
    <>
      <PageHeader title={t("title")} subtitle={t("subtitle")} />
      <div className="space-y-6">
        <Card>
          <RunDigestsButton queued={query.queued !== undefined && Number.isSafeInteger(queued) && queued >= 0 ? queued : null} />
        </Card>
        <Card>
          <h2 className="mb-1 text-lg font-semibold">{t("mailbox")}</h2>
          <p className="mb-3 text-sm text-slate-600">{t("mailboxHint")}</p>
          {mailbox.messages.length ? (
            <div data-testid="mailbox">
              <Table head={[t("to"), t("subject"), t("sent")]}>
                {mailbox.messages.map((m) => (
                  <tr key={m.id}>
                    <td className="px-3 py-2 text-sm">{m.to}</td>
                    <td className="px-3 py-2 text-sm">
                      <TextLink href={`/admin/mail/${m.id}`}>{m.subject ?? t("withheldSubject")}</TextLink>
                    </td>
                    <td className="px-3 py-2 text-sm whitespace-nowrap">{when(m.createdAt)}</td>
                  </tr>
                ))}
              </Table>
              {mailbox.next ? (
                <p className="mt-3 text-sm">
                  <TextLink href={`/admin/mail?before=${mailbox.next}`}>{t("older")}</TextLink>
                </p>
              ) : null}
            </div>
          ) : (
            <p className="text-sm text-slate-600">{t("empty")}</p>
          )}
        </Card>
        <DeadLettersCard dead={dead} retried={query.done === "retried"} />
      </div>
    </>
  );
}

type DeadLetter = Awaited<ReturnType<Awaited<ReturnType<typeof api>>["mail"]["deadLetters"]>>[number];

/** Jobs that failed for good: what the admin may see of each, and a retry where one can help. */
async function DeadLettersCard({ dead, retried }: { dead: DeadLetter[]; retried: boolean }) {
  const [t, format] = await Promise.all([getTranslations("subscriptions.admin"), getFormatter()]);
  const when = (date: Date) => format.dateTime(date, { dateStyle: "medium", timeStyle: "short" });
  return (
    <Card>
      <h2 className="mb-3 text-lg font-semibold">{t("deadLetters")}</h2>
      {retried ? (
        <p role="status" className="mb-3 text-sm text-green-700">
          {t("retried")}
        </p>
      ) : null}
      {dead.length ? (
        <Table head={[t("queue"), t("recipient"), t("data"), t("error"), t("attempts"), t("failedAt"), t("action")]}>
          {dead.map((job) => (
            <tr key={job.id}>
              <td className="px-3 py-2 text-sm">{job.queue}</td>
              <td className="px-3 py-2 text-sm break-all">{job.recipient ?? "—"}</td>
              {job.withheld ? (
                <td colSpan={2} className="px-3 py-2 text-sm text-slate-600">
                  {job.permanent ? <p className="font-medium text-red-700">{t("permanent")}</p> : null}
                  {t("withheldJob")}
                </td>
              ) : (
                <>
                  <td className="px-3 py-2 font-mono text-xs break-all">{job.data}</td>
                  <td className="px-3 py-2 text-sm">
                    {job.permanent ? <p className="font-medium text-red-700">{t("permanent")}</p> : null}
                    {job.error}
                  </td>
                </>
              )}
              <td className="px-3 py-2 text-sm">{job.attempts}</td>
              <td className="px-3 py-2 text-sm whitespace-nowrap">{job.failedAt ? when(job.failedAt) : null}</td>
              <td className="px-3 py-2 text-sm">{job.retryable ? <RetryJobButton id={job.id} /> : null}</td>
            </tr>
          ))}
        </Table>
      ) : (
        <p className="text-sm text-slate-600">{t("deadEmpty")}</p>
      )}
    </Card>
  );
}
