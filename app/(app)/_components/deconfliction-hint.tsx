import { getTranslations } from "next-intl/server";
import { Button, Card, Confirmation } from "~/app/_components/ui";
import type { EntityKind } from "~/schemas/entity-enums";
import { DECONFLICTION_MESSAGE_MAX } from "~/schemas/deconfliction";
import { requestDeconflictionAction } from "./deconfliction-actions";

export type HintLine = { entityId: string; kind: EntityKind; name: string; requested: boolean };

/**
 * "Another agency holds information on this company — request it": for each thing named that a
 * notice the reader may not read names too, where its author allowed deconfliction. Only that:
 * no agency, marking, date, content or count. A plain POST form each, with an optional message.
 */
export async function DeconflictionHint({ lines, back, fromNoticeId, done }: { lines: HintLine[]; back: string; fromNoticeId?: string; done?: string }) {
  if (!lines.length && !done) return null;
  const t = await getTranslations("deconfliction.hint");
  return (
    <Card>
      <div id="deconfliction" data-testid="deconfliction-hints">
        <h2 className="mb-3 text-lg font-semibold">{t("title")}</h2>
        {done === "sent" ? <Confirmation className="mb-3 text-sm text-green-800">{t("sent")}</Confirmation> : null}
        {done === "refused" ? (
          <p role="alert" className="mb-3 text-sm text-red-800">
            {t("refused")}
          </p>
        ) : null}
        <ul className="space-y-4">
          {lines.map((line) => (
            <li key={line.entityId} data-testid="deconfliction-hint" data-kind={line.kind}>
              <p className="text-sm">
                <bdi className="font-medium">{line.name}</bdi>: {t("text", { kind: line.kind })}
              </p>
              {line.requested ? (
                <p className="mt-1 text-sm text-slate-600">{t("requested")}</p>
              ) : (
                <form action={requestDeconflictionAction} className="mt-2 space-y-2">
                  <input type="hidden" name="entityId" value={line.entityId} />
                  <input type="hidden" name="back" value={back} />
                  {fromNoticeId ? <input type="hidden" name="fromNoticeId" value={fromNoticeId} /> : null}
                  <label className="block text-sm text-slate-700">
                    {t("message")}
                    <textarea
                      name="message"
                      rows={2}
                      maxLength={DECONFLICTION_MESSAGE_MAX}
                      className="mt-1 block w-full rounded-md border border-slate-300 p-2 text-sm"
                    />
                  </label>
                  <Button type="submit" variant="secondary">
                    {t("submit")}
                  </Button>
                </form>
              )}
            </li>
          ))}
        </ul>
      </div>
    </Card>
  );
}
