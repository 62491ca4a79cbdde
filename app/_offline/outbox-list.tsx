"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { Button } from "~/app/_components/ui";
import type { NoticeKind } from "~/schemas/notice-enums";
import type { OutboxItem } from "./outbox";

/** The user's notices waiting in this device's outbox, each with what went wrong last, to send now or discard. */
export function OutboxList({ userId, kinds }: { userId: string; kinds: Record<NoticeKind, string> }) {
  const t = useTranslations("offline.client");
  const errors = useTranslations("errors");
  const format = useFormatter();
  const [items, setItems] = useState<OutboxItem[] | null>(null);
  const [sending, setSending] = useState<string | null>(null);

  useEffect(() => {
    let stopped = false;
    let unsubscribe = () => {};
    void import("./outbox").then((outbox) => {
      if (stopped) return;
      const refresh = () =>
        void outbox.itemsOf(userId).then(
          (found) => !stopped && setItems(found),
          () => setItems([]),
        );
      unsubscribe = outbox.onChange(refresh);
      refresh();
    });
    return () => {
      stopped = true;
      unsubscribe();
    };
  }, [userId]);

  async function sendNow(key: string) {
    setSending(key);
    await import("./sender").then((sender) => sender.flush(userId, key)).catch(() => undefined);
    setSending(null);
  }

  async function discard(item: OutboxItem) {
    if (!window.confirm(t("discardConfirm", { title: item.title }))) return;
    await (await import("./outbox")).discard(item.idempotencyKey);
  }

  if (items === null) return null;
  if (items.length === 0) return <p className="text-sm text-slate-600">{t("empty")}</p>;
  const reason = (key: string) => (errors.has(key) ? errors(key) : errors("internal"));
  return (
    <ul className="space-y-3">
      {items.map((item) => (
        <li key={item.idempotencyKey} data-testid="outbox-item" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          <p className="font-medium">
            <bdi>{item.title}</bdi>
          </p>
          <p className="mt-1 text-sm text-slate-600">
            {[
              kinds[item.kind],
              item.asDraft ? t("draft") : null,
              t("written", { time: format.dateTime(new Date(item.createdAt), { dateStyle: "medium", timeStyle: "short" }) }),
            ]
              .filter(Boolean)
              .join(" · ")}
          </p>
          {item.lastError ? (
            <p className="mt-2 text-sm text-red-800" data-testid="outbox-error">
              {t(item.held ? "refused" : "notYetSent", { reason: reason(item.lastError) })}
            </p>
          ) : null}
          <div className="mt-3 flex flex-wrap gap-2">
            <Button type="button" onClick={() => void sendNow(item.idempotencyKey)} disabled={sending !== null}>
              {sending === item.idempotencyKey ? t("sending") : t("sendNow")}
            </Button>
            <Button type="button" variant="secondary" onClick={() => void discard(item)} disabled={sending !== null}>
              {t("discard")}
            </Button>
          </div>
        </li>
      ))}
    </ul>
  );
}
