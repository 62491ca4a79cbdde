import type { Json } from "./hostile-input-samples";

// Valid inputs of the procedures of the regional picture (issue 18: map, trends, homes, declaration
// screening) and of entities and deconfliction (issue 19), for the hostile-input property.

type Ids = { seizure: { id: string }; company: { id: string } };

export function pictureSamples(w: Ids): Record<string, Json[]> {
  return {
    "entities.correlations": [{ id: w.seizure.id }],
    "entities.get": [{ kind: "company", id: w.seizure.id }],
    "entities.decide": [{ id: w.seizure.id, otherId: w.company.id, decision: "same" }],
    "deconfliction.hints": [{ id: w.seizure.id }],
    "deconfliction.entityHint": [{ kind: "company", id: w.company.id }],
    "deconfliction.request": [{ entityId: w.company.id, fromNoticeId: w.seizure.id, message: "Can we compare?" }],
    "deconfliction.answer": [
      { id: w.seizure.id, answer: "reply", message: "Which consignment?" },
      { id: w.company.id, answer: "decline" },
    ],
    "picture.crossingCounts": [{}, { from: "2026-01-01", to: "2026-12-31" }],
    "picture.trends": [{ filters: { crossingId: "torugart", substanceId: "acetic-anhydride", countryCode: "KG", agencyId: "kg-customs", from: "2026-01-01" } }],
    "picture.trendsCsv": [{ filters: { to: "2026-12-31" } }],
    "home.expiringAlerts": [{ withinDays: 30, agencyId: "kz-sgd-customs" }],
    "home.activeAlertsAt": [{ crossingIds: ["khorgos", "torugart"] }],
    "home.quietAgencies": [{ days: 30 }],
    "screening.screen": [
      {
        lines: [
          {
            hsCode: "2915.24",
            description: "醋酸酐",
            consignor: "Urumqi Trade Co., Ltd.",
            consignee: "Alpha Trade LLC",
            vehicle: "01KG482ABT",
            route: "Kashgar – Osh",
          },
        ],
      },
    ],
  };
}
