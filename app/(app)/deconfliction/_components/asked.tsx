import { getFormatter, getTranslations } from "next-intl/server";
import { Badge, Button, Card, TextLink } from "~/app/_components/ui";
import { answerDeconflictionAction } from "~/app/(app)/_components/deconfliction-actions";
import type { api } from "~/app/_trpc/server";

type DeconflictionOverview = Awaited<ReturnType<Awaited<ReturnType<typeof api>>["deconfliction"]["overview"]>>;
import { DECONFLICTION_MESSAGE_MAX } from "~/schemas/deconfliction";

type Asked = DeconflictionOverview["asked"][number];

/** Requests to the viewer's agency, each with its release / decline / reply form while open. */
export async function AskedOfUs({ asked }: { asked: Asked[] }) {
  const t = await getTranslations("deconfliction.page");
  return (
    <Card>
      <h2 className="mb-4 text-lg font-semibold">{t("asked")}</h2>
      {asked.length === 0 ? <p className="text-sm text-slate-600">{t("askedEmpty")}</p> : null}
      <ul className="space-y-4" data-testid="deconfliction-asked">
        {asked.map((request) => (
          <AskedItem key={request.id} request={request} />
        ))}
      </ul>
    </Card>
  );
}

async function AskedItem({ request }: { request: Asked }) {
  const [t, status, entities, format] = await Promise.all([
    getTranslations("deconfliction.page"),
    getTranslations("deconfliction.status"),
    getTranslations("entities.kind"),
    getFormatter(),
  ]);
  const when = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeStyle: "short" });
  return (
    <li className="border-t border-slate-100 pt-3 text-sm" data-testid="deconfliction-request" data-status={request.status}>
      <p className="flex flex-wrap items-center gap-2">
        <Badge tone={request.status === "open" ? "amber" : request.status === "released" ? "green" : "slate"}>{status(request.status)}</Badge>
        <TextLink href={`/notices/${request.notice.id}`}>
          <bdi>{request.notice.title}</bdi>
        </TextLink>
      </p>
      <p className="mt-1 text-slate-600">{t("from", { agency: request.requester.agency, name: request.requester.name, date: when(request.createdAt) })}</p>
      <p className="mt-1">
        {t("about")}: {entities(request.entity.kind)} {request.entity.value ? <bdi>{request.entity.value}</bdi> : null}
      </p>
      {request.message ? (
        <p className="mt-1">
          {t("theirMessage")}: <bdi className="whitespace-pre-wrap">{request.message}</bdi>
        </p>
      ) : null}
      {request.reply ? (
        <p className="mt-1">
          {t("yourReply")}: <bdi className="whitespace-pre-wrap">{request.reply}</bdi>
        </p>
      ) : null}
      {request.status === "open" ? (
        <form action={answerDeconflictionAction} className="mt-2 space-y-2">
          <input type="hidden" name="id" value={request.id} />
          <label className="block text-slate-700">
            {t("replyLabel")}
            <textarea name="message" rows={2} maxLength={DECONFLICTION_MESSAGE_MAX} className="mt-1 block w-full rounded-md border border-slate-300 p-2" />
          </label>
          <div className="flex flex-wrap gap-2">
            <Button type="submit" name="answer" value="release">
              {t("release")}
            </Button>
            <Button type="submit" name="answer" value="reply" variant="secondary">
              {t("reply")}
            </Button>
            <Button type="submit" name="answer" value="decline" variant="secondary">
              {t("decline")}
            </Button>
          </div>
        </form>
      ) : null}
    </li>
  );
}
