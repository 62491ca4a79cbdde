"use client";

import { useTranslations } from "next-intl";
import { buttonClass } from "~/app/_components/styles";

// Unexpected failures: a generic message and the digest that links it to the server log, never the
// error's own text (it may hold SQL or data the user may not see).
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("errors");
  return (
    <main className="mx-auto max-w-xl px-4 py-16 text-center">
      <h1 className="text-2xl font-semibold">{t("internal")}</h1>
      {error.digest ? <p className="mt-2 text-sm text-slate-500">{t("reference", { id: error.digest })}</p> : null}
      <button type="button" className={buttonClass("primary", "mt-6")} onClick={reset}>
        {t("retry")}
      </button>
    </main>
  );
}
