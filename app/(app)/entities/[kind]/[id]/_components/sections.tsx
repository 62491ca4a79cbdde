import { Badge, Button, Card, TextLink } from "~/app/_components/ui";
import { noticeLabels } from "~/app/(app)/notices/[id]/_components/labels";
import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "~/server/api/root";
import { decide } from "../actions";

type Page = inferRouterOutputs<AppRouter>["entities"]["get"];

/** Every readable notice naming the entity, newest first, with how it named it. */
export async function Timeline({ sightings }: { sightings: Page["timeline"] }) {
  const label = await noticeLabels();
  const { t } = label;
  return (
    <ol className="space-y-3 border-l-2 border-brand-100 pl-4" data-testid="entity-timeline">
      {sightings.map((s) => (
        <li key={s.notice.id} className="text-sm" data-testid="sighting">
          <p className="flex flex-wrap items-center gap-2 text-xs text-slate-600">
            <time dateTime={s.notice.occurredOn}>{s.notice.occurredAt ? label.dateTime(s.notice.occurredAt) : label.date(s.notice.occurredOn)}</time>
            <Badge>{t(`vocab.kind.${s.notice.kind}`)}</Badge>
            {s.crossing ? (
              <TextLink href={`/crossings/${s.crossing.id}`}>{label.name(s.crossing.names)}</TextLink>
            ) : s.countryCode ? (
              label.country(s.countryCode)
            ) : null}
          </p>
          <TextLink href={`/notices/${s.notice.id}`} className="block break-words font-medium">
            <bdi>{s.notice.title}</bdi>
          </TextLink>
          <ul className="text-xs text-slate-600">
            {s.mentions.map((m) => (
              <li key={`${m.role}:${m.value}`}>
                <bdi>{m.value}</bdi> — {t("entities.page.asRole", { role: t(`entities.role.${m.role}`) })}
                {m.birthYear ? `, ${t("entities.page.born", { year: m.birthYear })}` : null}
                {m.checkDigitValid === false ? (
                  <>
                    {" "}
                    <Badge tone="amber">{t("entities.page.checkDigitInvalid")}</Badge>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ol>
  );
}

/** Where it was seen: each crossing (or country) of those notices, how often and between which dates. */
export async function Places({ places }: { places: Page["places"] }) {
  const label = await noticeLabels();
  const { t } = label;
  return (
    <Card>
      <h2 className="mb-4 text-lg font-semibold">{t("entities.page.places")}</h2>
      <ul className="space-y-2 text-sm" data-testid="entity-places">
        {places.map((p, i) => (
          <li key={i}>
            {p.crossing ? (
              <TextLink href={`/crossings/${p.crossing.id}`} className="font-medium">
                {label.name(p.crossing.names)}
              </TextLink>
            ) : (
              <span className="font-medium">{p.countryCode ? label.country(p.countryCode) : t("entities.page.placeUnknown")}</span>
            )}
            <span className="block text-xs text-slate-600">
              {t("entities.page.placeLine", { count: p.count, first: label.date(p.first), last: label.date(p.last) })}
            </span>
          </li>
        ))}
      </ul>
    </Card>
  );
}

/** What the same notices name besides it: the company's owners, the truck's drivers, its phones. */
export async function RelatedEntities({ related }: { related: Page["related"] }) {
  const { t } = await noticeLabels();
  return (
    <Card>
      <h2 className="mb-1 text-lg font-semibold">{t("entities.page.related")}</h2>
      <p className="mb-4 text-sm text-slate-600">{t("entities.page.relatedIntro")}</p>
      {related.length === 0 ? <p className="text-sm text-slate-600">{t("entities.page.relatedNone")}</p> : null}
      <ul className="space-y-2 text-sm" data-testid="entity-related">
        {related.map((r) => (
          <li key={`${r.entityId}:${r.role}`}>
            <TextLink href={`/entities/${r.kind}/${r.entityId}`} className="break-words font-medium">
              <bdi>{r.values.join(" / ")}</bdi>
            </TextLink>
            <span className="block text-xs text-slate-600">
              {r.alias ? t("entities.page.sameThing") : t(`entities.role.${r.role}`)}, {t("entities.page.inNotices", { count: r.notices })}
            </span>
          </li>
        ))}
      </ul>
    </Card>
  );
}

/** Alike names, with how alike, and the analyst's two buttons (plain POST forms). */
export async function AlikeEntities({ page }: { page: Page }) {
  const label = await noticeLabels();
  const { t } = label;
  return (
    <Card>
      <h2 className="mb-1 text-lg font-semibold">{t("entities.page.alike")}</h2>
      <p className="mb-4 text-sm text-slate-600">{t("entities.page.alikeIntro")}</p>
      <ul className="divide-y divide-slate-100" data-testid="entity-alike">
        {page.alike.map((a) => {
          const name = a.values[0] ?? "";
          return (
            <li key={a.entityId} className="space-y-2 py-3 text-sm">
              <p className="flex flex-wrap items-center gap-2">
                <TextLink href={`/entities/${page.entity.kind}/${a.entityId}`} className="break-words font-medium">
                  <bdi>{a.values.join(" / ")}</bdi>
                </TextLink>
                <Badge tone={a.confirmed ? "green" : "amber"}>
                  {a.confirmed ? t("entities.page.confirmed") : t("entities.page.confidence", { percent: Math.round(a.confidence * 100) })}
                </Badge>
                <span className="text-xs text-slate-600">{t("entities.page.inNotices", { count: a.notices.length })}</span>
              </p>
              {page.canDecide ? (
                <form action={decide} className="flex flex-wrap gap-2">
                  <input type="hidden" name="kind" value={page.entity.kind} />
                  <input type="hidden" name="id" value={page.entity.id} />
                  <input type="hidden" name="otherId" value={a.entityId} />
                  {a.confirmed ? null : (
                    <Button type="submit" name="decision" value="same" variant="secondary" aria-label={t("entities.page.confirmLabel", { name })}>
                      {t("entities.page.confirm")}
                    </Button>
                  )}
                  <Button type="submit" name="decision" value="different" variant="secondary" aria-label={t("entities.page.splitLabel", { name })}>
                    {t("entities.page.split")}
                  </Button>
                </form>
              ) : null}
            </li>
          );
        })}
      </ul>
    </Card>
  );
}
