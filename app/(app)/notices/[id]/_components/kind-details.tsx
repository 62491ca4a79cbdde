import { Badge, Facts, Table, TextLink } from "~/app/_components/ui";
import { noticeLabels, type Notice } from "./labels";
import { Countries } from "./values";
import { ReferenceText } from "~/app/_components/reference-text";

type Seizure = NonNullable<Notice["seizure"]>;
type CompanyAlert = NonNullable<Notice["companyAlert"]>;
type Arrest = NonNullable<Notice["arrest"]>;

const cell = "px-3 py-2 align-top";

// Phone numbers read left to right in every language.
const phoneList = (phones: string[]) =>
  phones.length ? (
    <span dir="ltr" className="font-mono">
      {phones.join(", ")}
    </span>
  ) : null;

/** The facts of the notice's own kind, whichever it is. */
export function KindDetails({ notice }: { notice: Notice }) {
  if (notice.seizure) return <SeizureDetails seizure={notice.seizure} />;
  if (notice.companyAlert) return <CompanyAlertDetails alert={notice.companyAlert} />;
  if (notice.arrest) return <ArrestDetails arrest={notice.arrest} />;
  return null;
}

export async function SeizureDetails({ seizure }: { seizure: Seizure }) {
  const label = await noticeLabels();
  const { t } = label;
  const route = (
    [
      ["origin", seizure.originCountries],
      ["transit", seizure.transitCountries],
      ["destination", seizure.destinationCountries],
    ] as const
  ).filter(([, codes]) => codes.length > 0);
  return (
    <div className="space-y-4">
      <Table head={[t("notice.seizure.substance"), t("notice.seizure.quantity"), t("notice.seizure.massKg")]}>
        {seizure.items.map((item, i) => (
          <tr key={i}>
            <td className={cell}>
              {item.substanceId && item.substance ? (
                <TextLink href={`/substances/${item.substanceId}`}>{label.name(item.substance)}</TextLink>
              ) : (
                <span className="italic">{t("notice.seizure.unidentified")}</span>
              )}
              {item.description ? <span className="block text-slate-600">{item.description}</span> : null}
            </td>
            <td className={`${cell} whitespace-nowrap`}>
              {label.number(item.quantity)} {t(`vocab.unit.${item.unit}`)}
            </td>
            <td className={`${cell} whitespace-nowrap`}>
              {item.massKg === null ? (
                <span className="text-slate-600">{t("notice.seizure.noMass")}</span>
              ) : (
                t("notice.seizure.kg", { value: label.number(item.massKg) })
              )}
            </td>
          </tr>
        ))}
      </Table>
      <Facts
        items={[
          { label: t("notice.seizure.concealment"), value: seizure.concealment },
          { label: t("notice.seizure.declaredAs"), value: seizure.declaredAs },
          { label: t("notice.seizure.declaredHsCode"), value: seizure.declaredHsCode ? <span className="font-mono">{seizure.declaredHsCode}</span> : null },
          { label: t("notice.seizure.conveyance"), value: seizure.conveyance ? t(`vocab.conveyance.${seizure.conveyance}`) : null },
          {
            label: t("notice.seizure.conveyanceIds"),
            value: seizure.conveyanceIds.length ? (
              <span className="inline-flex flex-wrap gap-1 font-mono">
                {seizure.conveyanceIds.map((id) => (
                  <Badge key={id}>{id}</Badge>
                ))}
              </span>
            ) : null,
          },
          {
            label: t("notice.seizure.route"),
            value: route.length ? (
              <span className="inline-flex flex-wrap items-baseline gap-x-2">
                {route.map(([leg, codes], i) => (
                  <span key={leg}>
                    {i > 0 ? <span aria-hidden="true">→ </span> : null}
                    <Countries codes={codes} /> <span className="text-slate-600">{t(`notice.seizure.${leg}`)}</span>
                  </span>
                ))}
              </span>
            ) : null,
          },
          { label: t("notice.seizure.seizingAgency"), value: seizure.seizingAgencyId ? label.agency(seizure.seizingAgencyId) : null },
          { label: t("entities.form.consignor"), value: seizure.consignor ? <bdi>{seizure.consignor}</bdi> : null },
          { label: t("entities.form.consignee"), value: seizure.consignee ? <bdi>{seizure.consignee}</bdi> : null },
          { label: t("entities.form.phones"), value: phoneList(seizure.phones) },
        ]}
      />
    </div>
  );
}

// Chinese names are marked as such, so that screen readers and fonts treat them right.
const SCRIPT_LANG = { latin: undefined, cyrillic: undefined, chinese: "zh" } as const;

export async function CompanyAlertDetails({ alert }: { alert: CompanyAlert }) {
  const label = await noticeLabels();
  const { t } = label;
  const expired = alert.expiresOn !== null && alert.expiresOn < label.today;
  const list = (values: string[]) =>
    values.length ? (
      <ul className="space-y-1">
        {values.map((value, i) => (
          <li key={i}>{value}</li>
        ))}
      </ul>
    ) : null;
  return (
    <div className="space-y-4">
      <div className="rounded-md border-l-4 border-amber-500 bg-amber-50 p-4" data-testid="recommended-action">
        <h3 className="text-sm font-semibold uppercase tracking-wide text-amber-900">{t("notice.company.recommendedAction")}</h3>
        <p className="mt-1 whitespace-pre-line text-base font-medium text-slate-900">{alert.recommendedAction}</p>
      </div>
      <Facts
        items={[
          {
            label: t("notice.company.names"),
            value: (
              <ul className="space-y-1">
                {alert.names.map((name, i) => (
                  <li key={i}>
                    <bdi lang={SCRIPT_LANG[name.script]} className="font-medium">
                      {name.name}
                    </bdi>{" "}
                    <span className="text-xs text-slate-600">({t(`vocab.script.${name.script}`)})</span>
                  </li>
                ))}
              </ul>
            ),
          },
          {
            label: t("notice.company.registrationNumbers"),
            value: alert.registrationNumbers.length ? <span className="font-mono">{alert.registrationNumbers.join(", ")}</span> : null,
          },
          { label: t("notice.company.registrationCountry"), value: alert.registrationCountryCode ? label.country(alert.registrationCountryCode) : null },
          { label: t("notice.company.addresses"), value: list(alert.addresses) },
          { label: t("notice.company.owners"), value: list(alert.owners) },
          { label: t("entities.form.phones"), value: phoneList(alert.phones) },
          {
            label: t("notice.company.grounds"),
            value: (
              <span className="inline-flex flex-wrap gap-1">
                {alert.grounds.map((ground) => (
                  <Badge key={ground} tone="amber">
                    {t(`vocab.ground.${ground}`)}
                  </Badge>
                ))}
              </span>
            ),
          },
          { label: t("notice.company.groundsNote"), value: alert.groundsNote ? <span className="whitespace-pre-line">{alert.groundsNote}</span> : null },
          {
            label: t("notice.company.expiresOn"),
            value: alert.expiresOn ? (
              <span className="inline-flex flex-wrap items-center gap-2">
                {label.date(alert.expiresOn)}
                {expired ? (
                  <>
                    <Badge tone="red">{t("notice.company.expired")}</Badge>
                    <span className="text-slate-600">{t("notice.company.expiredNote")}</span>
                  </>
                ) : null}
              </span>
            ) : null,
          },
        ]}
      />
    </div>
  );
}

const PERSON_SCRIPTS = ["latin", "cyrillic", "chinese"] as const;

export async function ArrestDetails({ arrest }: { arrest: Arrest }) {
  const label = await noticeLabels();
  const { t } = label;
  return (
    <div className="space-y-4">
      <Facts
        items={[
          { label: t("notice.arrest.arrestingAgency"), value: arrest.arrestingAgencyId ? label.agency(arrest.arrestingAgencyId) : null },
          { label: t("notice.arrest.status"), value: t(`vocab.arrestStatus.${arrest.status}`) },
          { label: t("entities.form.companies"), value: arrest.companies.length ? <bdi>{arrest.companies.join("; ")}</bdi> : null },
          { label: t("entities.form.phones"), value: phoneList(arrest.phones) },
        ]}
      />
      <Table head={[t("notice.arrest.name"), t("notice.arrest.nationality"), t("notice.arrest.birthYear"), t("notice.arrest.role")]}>
        {arrest.persons.map((person, i) => (
          <tr key={i}>
            <td className={cell}>
              {PERSON_SCRIPTS.filter((script) => person.names[script]).map((script) => (
                <span key={script} className="block">
                  <span lang={SCRIPT_LANG[script]} className="font-medium">
                    {person.names[script]}
                  </span>{" "}
                  <span className="text-xs text-slate-600">({t(`vocab.script.${script}`)})</span>
                </span>
              ))}
            </td>
            <td className={cell}>{person.nationalityCode ? label.country(person.nationalityCode) : "—"}</td>
            <td className={cell}>{person.birthYear ?? "—"}</td>
            <td className={cell}>{t(`vocab.personRole.${person.role}`)}</td>
          </tr>
        ))}
      </Table>
      <div>
        <h3 className="mb-2 text-sm font-medium text-slate-500">{t("notice.arrest.charges")}</h3>
        {arrest.chargeIds.length === 0 ? (
          <p className="text-sm text-slate-600">{t("notice.arrest.noCharges")}</p>
        ) : (
          <ul className="space-y-2 text-sm">
            {arrest.chargeIds.map((id) => {
              const provision = label.provision(id);
              return (
                <li key={id}>
                  {provision ? (
                    <>
                      <span className="font-medium">
                        {provision.article ? (
                          t("notice.arrest.article", { article: provision.article })
                        ) : (
                          <ReferenceText texts={{ en: provision.code, ru: provision.codeRu, zh: provision.codeZh }} locale={label.locale} />
                        )}
                      </span>
                      {" — "}
                      <ReferenceText texts={{ en: provision.titleEn, ru: provision.titleRu, zh: provision.titleZh }} locale={label.locale} />
                      {provision.article ? (
                        <span className="block text-xs text-slate-600">
                          <ReferenceText texts={{ en: provision.code, ru: provision.codeRu, zh: provision.codeZh }} locale={label.locale} />
                        </span>
                      ) : null}
                    </>
                  ) : (
                    id
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </div>
    </div>
  );
}
