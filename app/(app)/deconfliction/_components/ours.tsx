import { getFormatter, getTranslations } from "next-intl/server";
import { Card, TextLink } from "~/app/_components/ui";
import type { api } from "~/app/_trpc/server";

type DeconflictionOverview = Awaited<ReturnType<Awaited<ReturnType<typeof api>>["deconfliction"]["overview"]>>;

/** The viewer's agency's requests, one line per thing asked about, with what the holders chose to answer. */
export async function OurRequests({ ours }: { ours: DeconflictionOverview["ours"] }) {
  const [t, entities, format] = await Promise.all([getTranslations("deconfliction.page"), getTranslations("entities.kind"), getFormatter()]);
  return (
    <Card>
      <h2 className="mb-4 text-lg font-semibold">{t("ours")}</h2>
      {ours.length === 0 ? <p className="text-sm text-slate-600">{t("oursEmpty")}</p> : null}
      <ul className="space-y-4" data-testid="deconfliction-ours">
        {ours.map((line) => (
          <li key={line.entityId} className="border-t border-slate-100 pt-3 text-sm" data-testid="deconfliction-our-request">
            <p>
              {entities(line.kind)}{" "}
              <TextLink href={`/entities/${line.kind}/${line.entityId}`}>
                <bdi>{line.value ?? ""}</bdi>
              </TextLink>{" "}
              <span className="text-slate-600">{t("askedOn", { date: format.dateTime(line.askedAt, { dateStyle: "medium", timeStyle: "short" }) })}</span>
            </p>
            {line.waiting ? <p className="mt-1 text-slate-600">{t("waiting")}</p> : null}
            {line.outcomes.map((o, i) => (
              <p key={i} className="mt-1" data-testid="deconfliction-outcome" data-status={o.status}>
                {o.status === "released" ? (
                  <>
                    {t("released")}{" "}
                    {o.notice ? (
                      <TextLink href={`/notices/${o.notice.id}`}>
                        <bdi>{o.notice.title}</bdi>
                      </TextLink>
                    ) : null}
                  </>
                ) : o.status === "declined" ? (
                  t("declined")
                ) : null}
                {o.reply ? (
                  <>
                    {" "}
                    {t("replied")} <bdi className="whitespace-pre-wrap">{o.reply}</bdi>
                  </>
                ) : null}
              </p>
            ))}
          </li>
        ))}
      </ul>
    </Card>
  );
}

/** The audit entries of both sides' exchanges, in words, as the service lets this side see them. */
export async function Exchange({ entries }: { entries: DeconflictionOverview["exchange"] }) {
  const [t, audit, format] = await Promise.all([getTranslations("deconfliction.page"), getTranslations("moderation.audit.actions"), getFormatter()]);
  return (
    <Card>
      <h2 className="mb-4 text-lg font-semibold">{t("exchange")}</h2>
      {entries.length === 0 ? <p className="text-sm text-slate-600">{t("exchangeEmpty")}</p> : null}
      <ol className="space-y-2 text-sm" data-testid="deconfliction-exchange">
        {entries.map((e) => (
          <li key={e.id} data-testid="deconfliction-audit" data-action={e.action}>
            <time dateTime={e.at.toISOString()} className="text-slate-600">
              {format.dateTime(e.at, { dateStyle: "medium", timeStyle: "short" })}
            </time>{" "}
            {audit.has(e.action) ? audit(e.action) : e.action}
            {e.actor ? <> {t("by", { name: e.actor })}</> : null}
            {e.notice ? (
              <>
                {" — "}
                <TextLink href={`/notices/${e.notice.id}`}>
                  <bdi>{e.notice.title}</bdi>
                </TextLink>
              </>
            ) : null}
          </li>
        ))}
      </ol>
    </Card>
  );
}
