import type { inferRouterOutputs } from "@trpc/server";
import { Card, TextLink } from "~/app/_components/ui";
import { noticeLabels } from "~/app/(app)/notices/[id]/_components/labels";
import type { AppRouter } from "~/server/api/root";

type Page = inferRouterOutputs<AppRouter>["entities"]["get"];

// Two hops around the entity: the notices that name it (inner ring) and what those notices name
// besides it (outer ring), all of it from the page's data, which holds readable notices only. Drawn
// on the server as SVG (no script, any width), a picture only (an image holds no links); the list
// beside it says the same, with the links, for everyone. Beyond these many, a ring is unreadable: the timeline and the list have the rest.
const MAX_NOTICES = 10;
const MAX_ENTITIES = 18;
const SIZE = 400;
const CENTRE = SIZE / 2;
const INNER = 105;
const OUTER = 175;

const at = (radius: number, angle: number) => ({ x: CENTRE + radius * Math.cos(angle), y: CENTRE + radius * Math.sin(angle) });
const short = (text: string, max = 18) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

function layout(page: Page) {
  const notices = page.timeline.slice(0, MAX_NOTICES).map((s, i, all) => ({ ...s.notice, ...at(INNER, (2 * Math.PI * i) / all.length - Math.PI / 2) }));
  const shown = new Set(notices.map((n) => n.id));
  const entities = page.related
    .filter((r) => !r.alias && r.noticeIds.some((id) => shown.has(id)))
    .slice(0, MAX_ENTITIES)
    .map((r, i, all) => ({ ...r, ...at(OUTER, (2 * Math.PI * i) / Math.max(all.length, 1) - Math.PI / 2 + Math.PI / Math.max(all.length, 1)) }));
  return { notices, entities, shown };
}

export async function EntityGraph({ page }: { page: Page }) {
  const label = await noticeLabels();
  const { t } = label;
  const { notices, entities, shown } = layout(page);
  if (!entities.length && notices.length < 2) return null;
  const name = page.entity.names[0] ?? "";
  return (
    <Card>
      <h2 id="entity-graph-title" className="mb-4 text-lg font-semibold">
        {t("entities.graph.title")}
      </h2>
      <div className="grid gap-4 md:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]" data-testid="entity-graph">
        <svg viewBox={`0 0 ${SIZE} ${SIZE}`} className="h-auto w-full max-w-md" role="img" aria-labelledby="entity-graph-title entity-graph-desc">
          <desc id="entity-graph-desc">{t("entities.graph.description", { name, notices: notices.length, entities: entities.length })}</desc>
          <g stroke="#cbd5e1" strokeWidth="1">
            {notices.map((n) => (
              <line key={`c:${n.id}`} x1={CENTRE} y1={CENTRE} x2={n.x} y2={n.y} />
            ))}
            {entities.flatMap((e) =>
              notices
                .filter((n) => e.noticeIds.includes(n.id))
                .map((n) => <line key={`${e.entityId}:${e.role}:${n.id}`} x1={n.x} y1={n.y} x2={e.x} y2={e.y} />),
            )}
          </g>
          {notices.map((n) => (
            <g key={n.id}>
              <title>{n.title}</title>
              <rect x={n.x - 9} y={n.y - 9} width="18" height="18" rx="3" fill="#1e3a8a" />
            </g>
          ))}
          {entities.map((e) => (
            <g key={`${e.entityId}:${e.role}`}>
              <title>{`${t(`entities.kind.${e.kind}`)}: ${e.values.join(" / ")}`}</title>
              <circle cx={e.x} cy={e.y} r="7" fill="#d97706" />
              <text x={e.x} y={e.y + 19} fontSize="10" textAnchor="middle" fill="#334155">
                {short(e.values[0] ?? "")}
              </text>
            </g>
          ))}
          <circle cx={CENTRE} cy={CENTRE} r="12" fill="#0f766e" />
          <text x={CENTRE} y={CENTRE + 26} fontSize="11" fontWeight="600" textAnchor="middle" fill="#0f172a">
            {short(name, 24)}
          </text>
        </svg>
        <ul className="space-y-3 text-sm" aria-label={t("entities.graph.listLabel")}>
          {notices.map((n) => (
            <li key={n.id}>
              <TextLink href={`/notices/${n.id}`} className="break-words font-medium">
                <bdi>{n.title}</bdi>
              </TextLink>
              <ul className="mt-1 flex flex-wrap gap-x-3 gap-y-1 text-xs">
                {entities
                  .filter((e) => e.noticeIds.includes(n.id))
                  .map((e) => (
                    <li key={`${e.entityId}:${e.role}`}>
                      <TextLink href={`/entities/${e.kind}/${e.entityId}`}>
                        <bdi>{e.values[0]}</bdi>
                      </TextLink>{" "}
                      <span className="text-slate-600">({t(`entities.role.${e.role}`)})</span>
                    </li>
                  ))}
              </ul>
            </li>
          ))}
        </ul>
      </div>
      {page.timeline.length > shown.size ? <p className="mt-2 text-xs text-slate-600">{t("entities.graph.more")}</p> : null}
    </Card>
  );
}
