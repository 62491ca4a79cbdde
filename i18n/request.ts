import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { optionalViewer } from "~/app/_trpc/server";
import { DEFAULT_TIME_ZONE, isLocale, LOCALE_COOKIE, negotiateLocale } from "./locales";
import { loadMessages } from "./messages";

// The signed-in user's own language and time zone; before sign-in, the cookie or the browser's.
export default getRequestConfig(async () => {
  const viewer = await optionalViewer();
  const cookieLocale = (await cookies()).get(LOCALE_COOKIE)?.value;
  const locale = viewer?.locale ?? (isLocale(cookieLocale) ? cookieLocale : negotiateLocale((await headers()).get("accept-language")));
  return { locale, timeZone: viewer?.timeZone ?? DEFAULT_TIME_ZONE, messages: await loadMessages(locale) };
});
