import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { api, requireViewer } from "~/app/_trpc/server";
import { Badge, Card, PageHeader, Table, TextLink } from "~/app/_components/ui";
import { revokeApiKey } from "./actions";
import { CreateKeyForm } from "./_components/create-key-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("api.keys"))("title") };
}

const STATUS_TONE = { active: "green", revoked: "red", expired: "amber" } as const;

export default async function ApiKeysPage() {
  const viewer = await requireViewer();
  // Without the permission the page does not exist, as far as the viewer can tell.
  if (!viewer.permissions.has("api_key.manage")) notFound();
  const caller = await api();
  const [keys, accounts, t, format] = await Promise.all([caller.apiKeys.list(), caller.apiKeys.serviceAccounts(), getTranslations("api.keys"), getFormatter()]);
  const when = (date: Date | null) => (date ? format.dateTime(date, { dateStyle: "medium", timeStyle: "short" }) : t("table.never"));

  return (
    <>
      <PageHeader title={t("title")} subtitle={t("subtitle")} actions={<TextLink href="/api-reference">{t("referenceLink")}</TextLink>} />
      <Card className="mb-8">
        <CreateKeyForm accounts={accounts.filter((account) => account.status === "active").map(({ id, name }) => ({ id, name }))} />
      </Card>
      <Table head={[t("table.prefix"), t("table.account"), t("table.scopes"), t("table.expires"), t("table.lastUsed"), t("table.status"), t("table.actions")]}>
        {keys.length === 0 ? (
          <tr>
            <td colSpan={7} className="px-3 py-4 text-center text-slate-500">
              {t("table.empty")}
            </td>
          </tr>
        ) : null}
        {keys.map((key) => {
          const status = key.revokedAt ? "revoked" : key.expired ? "expired" : "active";
          return (
            <tr key={key.id} id={`key-${key.id}`} data-testid={`api-key-${key.prefix}`} className="align-top">
              <td className="px-3 py-2 font-mono text-xs">tsk_{key.prefix}_…</td>
              <td className="px-3 py-2">
                <bdi>{key.account.name}</bdi>
              </td>
              <td className="px-3 py-2 text-xs">{key.scopes.join(", ")}</td>
              <td className="px-3 py-2 whitespace-nowrap">{when(key.expiresAt)}</td>
              <td className="px-3 py-2 whitespace-nowrap">{when(key.lastUsedAt)}</td>
              <td className="px-3 py-2">
                <Badge tone={STATUS_TONE[status]}>{t(`status.${status}`)}</Badge>
              </td>
              <td className="px-3 py-2">
                {status === "revoked" ? null : (
                  <form action={revokeApiKey}>
                    <input type="hidden" name="keyId" value={key.id} />
                    <button type="submit" className="text-sm font-medium text-red-700 underline" aria-label={t("revokeLabel", { prefix: key.prefix })}>
                      {t("revoke")}
                    </button>
                  </form>
                )}
              </td>
            </tr>
          );
        })}
      </Table>
    </>
  );
}
