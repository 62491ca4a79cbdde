import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { ClientMessages } from "~/app/_components/client-messages";
import { LinkNavigation } from "~/app/_components/link-navigation";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("common");
  return {
    title: { default: t("appName"), template: `%s · ${t("appName")}` },
    description: t("tagline"),
    // The app has no icon. Naming an empty one keeps the browser from asking for /favicon.ico on
    // every first visit, which the 404 page answered (~1 KB, and a request).
    icons: { icon: "data:," },
  };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  return (
    <html lang={locale}>
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        {/* No tRPC client here: the sections whose pages call tRPC from the browser have it in their layouts. */}
        <ClientMessages>{children}</ClientMessages>
        <LinkNavigation />
      </body>
    </html>
  );
}
