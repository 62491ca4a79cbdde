import { getTranslations } from "next-intl/server";
import { Link } from "~/app/_components/link";
import { textLinkClass } from "~/app/_components/styles";

export default async function NotFound() {
  const t = await getTranslations("common");
  return (
    <main className="mx-auto max-w-xl px-4 py-16 text-center">
      <h1 className="text-2xl font-semibold">404</h1>
      <p className="mt-2 text-slate-600">{t("notFound")}</p>
      <p className="mt-6">
        <Link href="/" className={textLinkClass}>
          {t("backHome")}
        </Link>
      </p>
    </main>
  );
}
