import "server-only";
import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import type { ReactNode } from "react";
import { CLIENT_NAMESPACES, pickMessages } from "~/i18n/client-namespaces";

export { NOTICE_FORM_NAMESPACES } from "~/i18n/client-namespaces";

/** Client components below get the shared client messages and `more` (a provider replaces its parent's messages). */
export async function ClientMessages({ more = [], children }: { more?: readonly string[]; children: ReactNode }) {
  const messages = await getMessages();
  return <NextIntlClientProvider messages={pickMessages(messages, [...CLIENT_NAMESPACES, ...more])}>{children}</NextIntlClientProvider>;
}
