import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { TextLink } from "~/app/_components/ui";
import type { Permission } from "~/server/auth/permissions";

type Entry = { action: string; targetType: string | null; targetId: string | null; targetLabel: string | null; details: Record<string, unknown> };

// Details that name another notice: the trail withholds an entry unless its reader may know of
// every notice it names, so a shown one links safely.
const NOTICE_KEYS = new Set(["otherId", "survivorId", "duplicateId"]);

/**
 * An audit entry in the reader's language: the action in words, its target as a link where the
 * reader may open it, and its details as labelled values instead of JSON. A key this version does
 * not know is still shown, as recorded: the trail hides nothing it holds from those who read it.
 */
export async function entryWords(entry: Entry, may: (permission: Permission) => boolean) {
  const [t, vocab, common, root] = await Promise.all([
    getTranslations("moderation.audit"),
    getTranslations("vocab"),
    getTranslations("common"),
    getTranslations(),
  ]);
  const action = t.has(`actions.${entry.action}`) ? t(`actions.${entry.action}`) : entry.action;

  const noticeLink = (id: string, label?: string | null) => <TextLink href={`/notices/${id}`}>{label ?? id}</TextLink>;
  const targetHref = (type: string, id: string): string | null => {
    if (type === "notice") return `/notices/${id}`;
    if (type === "user" && may("user.manage")) return `/admin/users#user-${id}`;
    if (type === "agency" && may("agency.read")) return `/agencies#agency-${id}`;
    return null;
  };
  let target: ReactNode = "—";
  if (entry.targetType && entry.targetId) {
    const type = t.has(`targetType.${entry.targetType}`) ? t(`targetType.${entry.targetType}`) : entry.targetType;
    const href = targetHref(entry.targetType, entry.targetId);
    const name = entry.targetLabel ?? entry.targetId;
    target = (
      <>
        <span className="block text-xs text-slate-500">{type}</span>
        {href ? <TextLink href={href}>{name}</TextLink> : <span className="break-all">{name}</span>}
      </>
    );
  }

  const word = (value: unknown): string => {
    if (typeof value === "boolean") return value ? t("yes") : t("no");
    if (value === null || value === undefined || value === "") return "—";
    if (Array.isArray(value)) return value.map(word).join(", ");
    if (typeof value === "object") return JSON.stringify(value);
    return String(value);
  };
  const valueOf = (key: string, value: unknown): ReactNode => {
    if (typeof value === "string" && NOTICE_KEYS.has(key)) return noticeLink(value);
    if (key === "agencyId" && typeof value === "string") return may("agency.read") ? <TextLink href={`/agencies#agency-${value}`}>{value}</TextLink> : value;
    if (key === "kind" && typeof value === "string" && vocab.has(`kind.${value}`)) return vocab(`kind.${value}`);
    if (key === "tlp" && typeof value === "string" && vocab.has(`tlp.${value}`)) return vocab(`tlp.${value}`);
    if ((key === "status" || key === "from") && typeof value === "string" && vocab.has(`status.${value}`)) return vocab(`status.${value}`);
    if (key === "role" && typeof value === "string" && common.has(`roles.${value}`)) return common(`roles.${value}`);
    if (key === "changedFields" && Array.isArray(value))
      return value.map((field) => (root.has(`notice.field.${field}`) ? root(`notice.field.${field}`) : String(field))).join(", ");
    if (value && typeof value === "object" && !Array.isArray(value) && "from" in value && "to" in value) {
      const change = value as { from: unknown; to: unknown };
      const text = (v: unknown) => {
        const shown = valueOf(key, v);
        return typeof shown === "string" ? shown : word(v);
      };
      return t("change", { from: text(change.from), to: text(change.to) });
    }
    return word(value);
  };
  const details = Object.entries(entry.details).map(([key, value]) => ({
    key,
    label: t.has(`detail.${key}`) ? t(`detail.${key}`) : key,
    value: valueOf(key, value),
  }));
  return { action, target, details };
}
