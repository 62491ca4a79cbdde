import { Badge, TextLink } from "~/app/_components/ui";
import { noticeLabels, type Notice } from "./labels";
import { isolate } from "~/app/_components/isolate";

// How one fact of a notice reads, shared by the notice page and the comparison of its versions.

export async function When({ notice }: { notice: Pick<Notice, "occurredOn" | "occurredAt"> }) {
  const label = await noticeLabels();
  return <>{notice.occurredAt ? label.dateTime(notice.occurredAt) : label.date(notice.occurredOn)}</>;
}

export async function Where({ notice }: { notice: Pick<Notice, "crossing" | "placeText" | "countryCode" | "latitude" | "longitude"> }) {
  const label = await noticeLabels();
  const country = notice.countryCode ? label.country(notice.countryCode) : null;
  return (
    <span className="block space-y-1">
      <span className="block">
        {notice.crossing ? <TextLink href={`/crossings/${notice.crossing.id}`}>{label.name(notice.crossing.names)}</TextLink> : notice.placeText}
        {country ? <span className="text-slate-600"> · {country}</span> : null}
      </span>
      <Coordinates latitude={notice.latitude} longitude={notice.longitude} />
    </span>
  );
}

async function Coordinates({ latitude, longitude }: { latitude: number | null; longitude: number | null }) {
  if (latitude === null || longitude === null) return null;
  const { t, number } = await noticeLabels();
  const degrees = (value: number) => number(Math.abs(value), 4);
  return (
    <span className="block text-slate-600">
      {t("reference.coordinatePair", {
        latitude: t("reference.latitude", { hemisphere: latitude >= 0 ? "north" : "south", value: degrees(latitude) }),
        longitude: t("reference.longitude", { hemisphere: longitude >= 0 ? "east" : "west", value: degrees(longitude) }),
      })}
    </span>
  );
}

/** Who may read the notice besides its originator, in the words of its marking. */
export async function ReleasedTo({ notice }: { notice: Pick<Notice, "tlp" | "release" | "agency" | "author"> }) {
  const label = await noticeLabels();
  const { t } = label;
  const { release } = notice;
  if (notice.tlp === "clear" || notice.tlp === "green") return <>{t(`notice.release.${notice.tlp}`)}</>;
  const items =
    notice.tlp === "red"
      ? [t("notice.release.author", { name: isolate(notice.author.name) }), ...release.recipients.map((r) => isolate(r.name))]
      : [
          t("notice.release.ownAgency", { agency: label.name(notice.agency.names) }),
          ...release.agencies.map((a) => `${label.name(a.names)} (${a.shortName})`),
          ...release.countryCodes.map((code) => t("notice.release.country", { country: label.country(code) })),
        ];
  return (
    <span className="block">
      <span className="block text-slate-600">{t(`notice.release.${notice.tlp}`)}</span>
      <ul className="mt-1 list-disc pl-5">
        {items.map((item, i) => (
          <li key={i}>{item}</li>
        ))}
      </ul>
    </span>
  );
}

/** The Admiralty grading as analysts write it ("B2") and in words. */
export async function Grading({ notice }: { notice: Pick<Notice, "sourceReliability" | "infoCredibility"> }) {
  const { t, locale } = await noticeLabels();
  return (
    <>
      <span className="font-mono font-semibold">
        {notice.sourceReliability}
        {notice.infoCredibility}
      </span>
      {" — "}
      {t("notice.marking.gradingWords", {
        reliability: t(`vocab.reliability.${notice.sourceReliability}`),
        // Read as one phrase ("usually reliable, probably true"), so the second part is not capitalised.
        credibility: t(`vocab.credibility.${notice.infoCredibility}`).toLocaleLowerCase(locale),
      })}
    </>
  );
}

export async function Handling({ code }: { code: Notice["handlingCode"] }) {
  const { t } = await noticeLabels();
  return (
    <>
      <span className="font-medium">{t(`vocab.handling.${code}`)}</span>
      <span className="block text-slate-600">{t(`vocab.handlingMeaning.${code}`)}</span>
    </>
  );
}

export async function Tags({ tags }: { tags: string[] }) {
  const { t } = await noticeLabels();
  if (tags.length === 0) return <>{t("common.none")}</>;
  return (
    <span className="inline-flex flex-wrap gap-1">
      {tags.map((tag) => (
        <Badge key={tag}>{tag}</Badge>
      ))}
    </span>
  );
}

/** A list of countries by name, in the order given. */
export async function Countries({ codes }: { codes: string[] }) {
  const label = await noticeLabels();
  return <>{codes.length ? label.list(codes.map((code) => label.country(code))) : "—"}</>;
}
