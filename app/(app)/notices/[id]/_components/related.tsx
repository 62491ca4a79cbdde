import { TlpBadge } from "~/app/_components/tlp-badge";
import { Badge, Card, TextLink } from "~/app/_components/ui";
import { noticeLabels, type NoticePage } from "./labels";
import { LinkForm, UnlinkButton } from "./link-controls";

/** Notices linked as related, of those the viewer may read (the service leaves out the others). */
export async function RelatedNotices({ id, links, canLink }: { id: string; links: NoticePage["links"]; canLink: boolean }) {
  const label = await noticeLabels();
  const { t } = label;
  return (
    <Card>
      <h2 className="mb-4 text-lg font-semibold">{t("notice.section.related")}</h2>
      {links.length === 0 ? (
        <p className="text-sm text-slate-600">{t("notice.related.none")}</p>
      ) : (
        <ul className="divide-y divide-slate-100" data-testid="related-notices">
          {links.map((link) => (
            <li key={link.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
              <span className="min-w-0 flex-1 space-y-1">
                <span className="flex flex-wrap items-center gap-2 text-xs">
                  <TlpBadge tlp={link.tlp} />
                  <Badge>{t(`vocab.kind.${link.kind}`)}</Badge>
                  {link.status === "published" ? null : <Badge tone={link.status === "retracted" ? "red" : "amber"}>{t(`vocab.status.${link.status}`)}</Badge>}
                  <span className="text-slate-600">{label.date(link.occurredOn)}</span>
                </span>
                <TextLink href={`/notices/${link.id}`} className="block break-words text-sm font-medium">
                  <bdi>{link.title}</bdi>
                </TextLink>
              </span>
              {canLink ? <UnlinkButton id={id} otherId={link.id} title={link.title} /> : null}
            </li>
          ))}
        </ul>
      )}
      {canLink ? (
        <div className="mt-4 border-t border-slate-100 pt-4">
          <h3 className="mb-2 text-sm font-semibold">{t("notice.related.link")}</h3>
          <LinkForm id={id} />
        </div>
      ) : null}
    </Card>
  );
}
