import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { Card, PageHeader, Table, TextLink } from "~/app/_components/ui";
import { api, requireViewer } from "~/app/_trpc/server";
import { ZAuditSearch } from "~/schemas/moderation";
import { isolate } from "~/app/_components/isolate";
import { entryWords } from "./_components/entry-words";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("moderation"))("audit.title") };
}

const FILTERS = ["actor", "action", "targetType", "targetId", "from", "to"] as const;
type Params = Partial<Record<(typeof FILTERS)[number] | "cursor", string | string[]>>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)?.trim() || undefined;

const inputClass = "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm";

/**
 * The audit trail, searchable by coordinators (and administrators): a plain GET form, so a search
 * is a shareable address and works without JavaScript.
 */
export default async function AuditPage({ searchParams }: { searchParams: Promise<Params> }) {
  const viewer = await requireViewer();
  if (!viewer.permissions.has("audit.search")) notFound();
  const params = await searchParams;
  const values = Object.fromEntries(FILTERS.map((key) => [key, first(params[key])]).filter(([, v]) => v)) as Partial<Record<(typeof FILTERS)[number], string>>;
  const parsed = ZAuditSearch.safeParse({ ...values, cursor: first(params.cursor) });
  const t = await getTranslations("moderation.audit");
  const page = parsed.success ? await (await api()).audit.search(parsed.data) : null;
  const may = (permission: Parameters<typeof viewer.permissions.has>[0]) => viewer.permissions.has(permission);
  const words = page ? await Promise.all(page.items.map((entry) => entryWords(entry, may))) : [];
  const next = page?.nextCursor ? `/admin/audit?${new URLSearchParams({ ...values, cursor: page.nextCursor })}` : null;

  return (
    <>
      <PageHeader
        title={t("title")}
        subtitle={t("subtitle")}
        actions={viewer.permissions.has("notice.read_log") ? <TextLink href="/admin/audit/reads">{t("readsLink")}</TextLink> : null}
      />
      <SearchForm values={values} invalid={!parsed.success} />
      {page ? (
        <>
          <Table head={[t("at"), t("action"), t("actor"), t("target"), t("ip"), t("details")]}>
            {page.items.length === 0 ? (
              <tr>
                <td colSpan={6} className="px-3 py-4 text-center text-slate-500">
                  {t("empty")}
                </td>
              </tr>
            ) : null}
            {page.items.map((entry, i) => (
              <EntryRow key={entry.id} entry={entry} words={words[i]!} />
            ))}
          </Table>
          {next ? (
            <p className="mt-4 text-center text-sm">
              <TextLink href={next} rel="next">
                {t("older")} →
              </TextLink>
            </p>
          ) : null}
        </>
      ) : null}
    </>
  );
}

type Entry = NonNullable<Awaited<ReturnType<Awaited<ReturnType<typeof api>>["audit"]["search"]>>>["items"][number];

/** The search: a GET form of the filters, so that a search is an address. */
async function SearchForm({ values, invalid }: { values: Partial<Record<(typeof FILTERS)[number], string>>; invalid: boolean }) {
  const t = await getTranslations("moderation.audit");
  return (
    <Card className="mb-6">
      <form method="get" action="/admin/audit" className="grid gap-3 sm:grid-cols-3" aria-label={t("search")}>
        {FILTERS.map((key) => (
          <label key={key} className="text-sm font-medium text-slate-700">
            {t(`filters.${key}`)}
            <input
              name={key}
              type={key === "from" || key === "to" ? "date" : "text"}
              defaultValue={values[key] ?? ""}
              className={`mt-1 ${inputClass}`}
              placeholder={key === "action" ? "moderation." : undefined}
            />
          </label>
        ))}
        <div className="flex items-end gap-2">
          <button
            type="submit"
            className="inline-flex min-h-10 items-center rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
          >
            {t("search")}
          </button>
          <TextLink href="/admin/audit">{t("clear")}</TextLink>
        </div>
      </form>
      {invalid ? (
        <p role="status" className="mt-3 text-sm text-red-700">
          {t("invalid")}
        </p>
      ) : null}
    </Card>
  );
}

/** One entry: when, what, who, and (unless withheld) its target, address and details in words. */
async function EntryRow({ entry, words }: { entry: Entry; words: Awaited<ReturnType<typeof entryWords>> }) {
  const [t, format] = await Promise.all([getTranslations("moderation.audit"), getFormatter()]);
  return (
    <tr data-testid="audit-entry" data-entry-id={entry.id} className="align-top">
      <td className="px-3 py-2 whitespace-nowrap">
        <span className="block text-xs text-slate-500">#{entry.id}</span>
        {format.dateTime(new Date(entry.at), { dateStyle: "medium", timeStyle: "medium" })}
      </td>
      <td className="px-3 py-2">
        {words.action}
        {/* The key is what the action filter searches by. */}
        <span className="block font-mono text-xs text-slate-500">{entry.action}</span>
      </td>
      <td className="px-3 py-2">
        {entry.actor ? `${isolate(entry.actor.name)} (${entry.actor.email})` : "—"}
        {entry.agency ? <span className="block text-xs text-slate-500">{entry.agency}</span> : null}
      </td>
      {entry.withheld ? (
        <td colSpan={3} className="px-3 py-2 text-xs text-slate-600" data-testid="audit-withheld">
          {t("withheld")}
        </td>
      ) : (
        <>
          <td className="px-3 py-2 text-sm">{words.target}</td>
          <td className="px-3 py-2 text-xs">{entry.ip ?? "—"}</td>
          <td className="max-w-md px-3 py-2 text-xs">
            {words.details.length ? (
              <dl className="grid grid-cols-[auto_1fr] gap-x-2 gap-y-0.5" data-testid="audit-details">
                {words.details.map((d) => (
                  <div key={d.key} className="contents">
                    <dt className="text-slate-500">{d.label}</dt>
                    <dd className="break-words">{d.value}</dd>
                  </div>
                ))}
              </dl>
            ) : (
              "—"
            )}
          </td>
        </>
      )}
    </tr>
  );
}
