import { getFormatter, getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { Card, PageHeader, TextLink } from "~/app/_components/ui";
import { api, orNotFound, requireViewer } from "~/app/_trpc/server";
import { ZMailboxMessage } from "~/schemas/subscriptions";

export default async function MailboxMessagePage({ params }: { params: Promise<{ id: string }> }) {
  await requireViewer();
  const input = ZMailboxMessage.safeParse({ id: Number((await params).id) });
  if (!input.success) notFound();
  const [message, t, format] = await Promise.all([orNotFound((await api()).mail.message(input.data)), getTranslations("subscriptions.admin"), getFormatter()]);
  const subtitle = `${t("to")}: ${message.to} · ${format.dateTime(message.createdAt, { dateStyle: "medium", timeStyle: "short" })}`;
  const back = (
    <p className="mb-4 text-sm">
      <TextLink href="/admin/mail">{t("back")}</TextLink>
    </p>
  );
  if (message.withheld) {
    return (
      <>
        <PageHeader title={t("withheldTitle", { to: message.to })} subtitle={subtitle} />
        {back}
        <Card>
          <p className="text-sm" data-testid="mail-withheld">
            {t("withheldMessage")}
          </p>
          <p className="mt-2 text-sm text-slate-600">
            {t("status")}: {t("statusKept")}
          </p>
        </Card>
      </>
    );
  }
  return (
    <>
      <PageHeader title={message.subject} subtitle={subtitle} />
      {back}
      <div className="space-y-6">
        <Card>
          <h2 className="mb-3 text-lg font-semibold">{t("html")}</h2>
          {/* Sandboxed: the message is rendered as mail, with no script and no access to this page. */}
          <iframe title={message.subject} srcDoc={message.html} sandbox="" className="h-[32rem] w-full rounded border border-slate-200" />
        </Card>
        <Card>
          <h2 className="mb-3 text-lg font-semibold">{t("text")}</h2>
          <pre className="text-sm whitespace-pre-wrap" data-testid="mail-text">
            {message.text}
          </pre>
        </Card>
        <Card>
          <h2 className="mb-3 text-lg font-semibold">{t("headers")}</h2>
          <pre className="font-mono text-xs whitespace-pre-wrap">{`Message-ID: ${message.messageId}\n${message.headers}`}</pre>
        </Card>
      </div>
    </>
  );
}
