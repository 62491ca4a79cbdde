import "server-only";
import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import type { ComponentType, ReactNode } from "react";
import { CLIENT_NAMESPACES, pickMessages, sectionNamespaces, type ClientSection } from "~/i18n/client-namespaces";

export { NOTICE_FORM_NAMESPACES, noticeFormNamespaces } from "~/i18n/client-namespaces";

/** Client components below get the shared client messages and `more` (a provider replaces its parent's messages). */
export async function ClientMessages({ more = [], children }: { more?: readonly string[]; children: ReactNode }) {
  const messages = await getMessages();
  return <NextIntlClientProvider messages={pickMessages(messages, [...CLIENT_NAMESPACES, ...more])}>{children}</NextIntlClientProvider>;
}

/**
 * A section's layout: its pages' client components get the section's messages beyond every
 * page's share (i18n/client-namespaces.ts, `sectionNamespaces`), inside `Inner` if given — the tRPC client
 * (app/_trpc/react.tsx) for the sections whose pages call tRPC from the browser. The layout file
 * imports `Inner` itself: a client component that a layout's modules import is loaded by every
 * page below it, rendered or not, so this module (which the root layout imports) must not.
 */
export function clientSection(section: ClientSection, Inner?: ComponentType<{ children: ReactNode }>) {
  return function SectionLayout({ children }: { children: ReactNode }) {
    return <ClientMessages more={sectionNamespaces(section)}>{Inner ? <Inner>{children}</Inner> : children}</ClientMessages>;
  };
}
