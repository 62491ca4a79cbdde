import { api } from "~/app/_trpc/server";
import { Badge, Card, TextLink } from "~/app/_components/ui";
import { noticeLabels } from "./labels";

/**
 * What this notice names that other notices the viewer may read name too ("this plate appears in
 * 2 other notices you can read"), with links. The service counts among readable notices only, so
 * the numbers here say nothing of the others.
 */
export async function Correlations({ id }: { id: string }) {
  const [parts, label] = await Promise.all([(await api()).entities.correlations({ id }), noticeLabels()]);
  const { t } = label;
  if (!parts.length) return null;
  const found = parts.filter((p) => p.notices.length > 0);
  const alone = parts.filter((p) => p.notices.length === 0);
  const name = (values: string[]) => values.join(" / ");
  return (
    <Card>
      <h2 className="mb-1 text-lg font-semibold">{t("entities.correlation.title")}</h2>
      <p className="mb-4 text-sm text-slate-600">{t("entities.correlation.intro")}</p>
      {found.length === 0 ? <p className="text-sm text-slate-600">{t("entities.correlation.none")}</p> : null}
      <ul className="space-y-4" data-testid="correlations">
        {found.map((part) => (
          <li key={`${part.role}:${part.part}`} data-testid="correlation" data-kind={part.kind}>
            <p className="flex flex-wrap items-baseline gap-x-2 text-sm">
              <Badge>{t(`entities.kind.${part.kind}`)}</Badge>
              <bdi className="font-medium break-words">{name(part.values)}</bdi>
              <TextLink href={`/entities/${part.kind}/${part.entityId}`} data-testid="correlation-count">
                {t("entities.correlation.appears", { count: part.notices.length })}
              </TextLink>
            </p>
            <ul className="mt-2 space-y-1 border-l-2 border-slate-100 pl-3">
              {part.notices.map((n) => (
                <li key={n.id} className="text-sm">
                  <TextLink href={`/notices/${n.id}`} className="break-words">
                    <bdi>{n.title}</bdi>
                  </TextLink>{" "}
                  <span className="text-xs text-slate-600">
                    {t(`vocab.kind.${n.kind}`)}, {label.date(n.occurredOn)}, {t("entities.correlation.asRole", { role: t(`entities.role.${n.role}`) })}
                    {n.confidence < 1 ? `, ${t("entities.correlation.alike", { percent: Math.round(n.confidence * 100) })}` : null}
                  </span>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
      {alone.length ? (
        <p className="mt-4 text-sm text-slate-600">
          {alone.map((part, i) => (
            <span key={`${part.role}:${part.part}`}>
              {i > 0 ? "; " : null}
              <TextLink href={`/entities/${part.kind}/${part.entityId}`}>
                <bdi>{name(part.values)}</bdi>
              </TextLink>
            </span>
          ))}
          {" — "}
          {t("entities.correlation.notElsewhere")}
        </p>
      ) : null}
    </Card>
  );
}
