import Markdown, { type Components, type UrlTransform } from "react-markdown";

const SAFE_PROTOCOLS = new Set(["http:", "https:", "mailto:"]);

/**
 * Narratives are written by other agencies: only absolute web and mail links survive. Anything
 * else (javascript:, data:, relative paths that could point inside the app) loses its URL.
 */
export const safeUrl: UrlTransform = (url) => {
  try {
    const parsed = new URL(url);
    return SAFE_PROTOCOLS.has(parsed.protocol) ? parsed.href : null;
  } catch {
    return null;
  }
};

// The page owns its h1 and h2: a narrative's headings sit below them in the outline.
const components: Components = {
  h1: "h3",
  h2: "h4",
  h3: "h5",
  h4: "h6",
  h5: "h6",
  a: ({ href, children }) =>
    href ? (
      <a href={href} rel="noopener noreferrer nofollow" className="text-brand-600 underline underline-offset-2">
        {children}
      </a>
    ) : (
      <span>{children}</span>
    ),
};

const layout =
  "space-y-3 break-words text-sm leading-relaxed text-slate-900 [&_blockquote]:border-l-4 [&_blockquote]:border-slate-300 [&_blockquote]:pl-3 " +
  "[&_code]:rounded [&_code]:bg-slate-100 [&_code]:px-1 [&_h3]:text-base [&_h3]:font-semibold [&_h4]:font-semibold [&_h5]:font-semibold [&_h6]:font-semibold " +
  "[&_ol]:list-decimal [&_ol]:pl-5 [&_pre]:overflow-x-auto [&_pre]:rounded [&_pre]:bg-slate-100 [&_pre]:p-3 [&_ul]:list-disc [&_ul]:pl-5";

/**
 * Markdown written by users, rendered without any HTML it contains, without images (which would
 * call out to a third-party server when the page is opened) and with vetted links only.
 */
export function MarkdownText({ children }: { children: string }) {
  return (
    <div className={layout}>
      <Markdown skipHtml urlTransform={safeUrl} disallowedElements={["img"]} unwrapDisallowed components={components}>
        {children}
      </Markdown>
    </div>
  );
}
