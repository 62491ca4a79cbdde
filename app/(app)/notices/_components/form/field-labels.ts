"use client";

import { useTranslations } from "next-intl";

// The summary at the top names each field by its label: the last word of its Conform name.
const LABELS: Record<string, string> = {
  title: "common.noticeTitle",
  narrative: "common.narrative",
  occurredOn: "common.date",
  occurredTime: "common.time",
  tags: "common.tags",
  crossingId: "place.legend",
  placeText: "place.placeText",
  countryCode: "place.country",
  latitude: "place.latitude",
  longitude: "place.longitude",
  tlp: "marking.tlp",
  allowDeconfliction: "marking.allowDeconfliction",
  releaseAgencyIds: "marking.releaseAgencies",
  releaseCountryCodes: "marking.releaseCountries",
  recipientIds: "recipients.legend",
  recipientEmails: "recipients.legend",
  sourceReliability: "grading.reliability",
  infoCredibility: "grading.credibility",
  handlingCode: "grading.handling",
  items: "seizure.items",
  substanceId: "seizure.substance",
  description: "seizure.description",
  quantity: "seizure.quantity",
  unit: "seizure.unit",
  declaredAs: "seizure.declaredAs",
  declaredHsCode: "seizure.declaredHsCode",
  concealment: "seizure.concealment",
  conveyance: "seizure.conveyance",
  conveyanceIds: "seizure.conveyanceIds",
  originCountries: "seizure.originCountries",
  transitCountries: "seizure.transitCountries",
  destinationCountries: "seizure.destinationCountries",
  seizingAgencyId: "seizure.seizingAgency",
  names: "company.names",
  script: "company.script",
  name: "company.names",
  registrationNumbers: "company.registrationNumbers",
  registrationCountryCode: "company.registrationCountry",
  addresses: "company.addresses",
  owners: "company.owners",
  grounds: "company.grounds",
  groundsNote: "company.groundsNote",
  recommendedAction: "company.recommendedAction",
  expiresOn: "company.expiresOn",
  persons: "arrest.persons",
  latin: "arrest.names",
  cyrillic: "arrest.names",
  chinese: "arrest.names",
  nationalityCode: "arrest.nationality",
  birthYear: "arrest.birthYear",
  role: "arrest.role",
  arrestingAgencyId: "arrest.arrestingAgency",
  chargeIds: "arrest.charges",
  arrestStatus: "arrest.status",
};

/** The summary's name for a field, from its Conform name: its label, and its row where it has one. */
export function useLabelOf() {
  const t = useTranslations("noticeForm");
  return (name: string) => {
    const key = LABELS[name.match(/(\w+)(\[\d+\])?$/)?.[1] ?? ""];
    const row = name.match(/\.(items|persons|names)\[(\d+)\]/);
    const label = key ? t(key) : t("summary.field");
    return row ? `${t(`summary.row.${row[1]}`, { number: Number(row[2]) + 1 })}: ${label}` : label;
  };
}
