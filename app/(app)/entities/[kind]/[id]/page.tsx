import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { api, orNotFound, requireViewer } from "~/app/_trpc/server";
import { Badge, Card, Confirmation, PageHeader, TextLink } from "~/app/_components/ui";
import { isolate } from "~/app/_components/isolate";
import { ZEntityRef } from "~/schemas/entities";
import { noticeLabels } from "~/app/(app)/notices/[id]/_components/labels";
import { AlikeEntities, Places, RelatedEntities, Timeline } from "./_components/sections";
import { EntityGraph } from "./_components/graph";
import { DeconflictionHint } from "~/app/(app)/_components/deconfliction-hint";

type Props = { params: Promise<{ kind: string; id: string }>; searchParams: Promise<{ done?: string | string[]; deconfliction?: string | string[] }> };

// The page and its title share one read; a malformed kind or id is as absent as an unknown one, and
// an entity named only in notices the viewer cannot read is the same 404 (the service decides).
const load = cache(async (kind: string, id: string) => {
  const input = ZEntityRef.safeParse({ kind, id });
  if (!input.success) notFound();
  return orNotFound((await api()).entities.get(input.data));
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { kind, id } = await params;
  const page = await load(kind, id);
  const { t } = await noticeLabels();
  return { title: t("entities.page.metaTitle", { kind: t(`entities.kind.${page.entity.kind}`), name: isolate(page.entity.names[0] ?? "") }) };
}

export default async function EntityPage({ params, searchParams }: Props) {
  await requireViewer();
  const { kind, id } = await params;
  const page = await load(kind, id);
  const { t } = await noticeLabels();
  const { done, deconfliction } = await searchParams;
  const [name, ...others] = page.entity.names;
  const held = await (await api()).deconfliction.entityHint({ kind: page.entity.kind, id: page.entity.id });
  const hint = held.held ? [{ entityId: page.entity.id, kind: page.entity.kind, name: name ?? "", requested: held.requested }] : [];
  return (
    <article data-testid="entity" data-entity-id={page.entity.id}>
      <p className="mb-2 text-sm">
        <TextLink href="/feed">← {t("entities.page.back")}</TextLink>
      </p>
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-2">
            <Badge>{t(`entities.kind.${page.entity.kind}`)}</Badge>
            <bdi className="break-words">{name}</bdi>
          </span>
        }
        subtitle={
          others.length ? (
            <>
              {t("entities.page.alsoWritten")}: <bdi>{others.join(" / ")}</bdi>
            </>
          ) : undefined
        }
      />
      {done === "decided" ? <Confirmation className="mb-4 text-sm text-green-800">{t("entities.page.decided")}</Confirmation> : null}
      {done === "refused" ? (
        <p role="alert" className="mb-4 text-sm text-red-800">
          {t("errors.notFound")}
        </p>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="min-w-0 space-y-6 lg:col-span-2">
          <Card>
            <h2 className="mb-1 text-lg font-semibold">{t("entities.page.timeline")}</h2>
            <p className="mb-4 text-sm text-slate-600">{t("entities.page.timelineIntro")}</p>
            <Timeline sightings={page.timeline} />
          </Card>
          <DeconflictionHint
            lines={hint}
            back={`/entities/${page.entity.kind}/${page.entity.id}`}
            done={typeof deconfliction === "string" ? deconfliction : undefined}
          />
          <EntityGraph page={page} />
          {page.alike.length ? <AlikeEntities page={page} /> : null}
        </div>
        <div className="min-w-0 space-y-6">
          <Places places={page.places} />
          <RelatedEntities related={page.related} />
        </div>
      </div>
    </article>
  );
}
