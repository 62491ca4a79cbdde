import { Body, Container, Head, Heading, Hr, Html, Link, Preview, Text } from "@react-email/components";
import type { NoticeEventKind } from "~/db/schema";
import type { MailItem } from "~/server/email/tlp";

/** `why`: what brought the notice to this reader ("Khorgos · acetic anhydride (your subscription)"), if it may be said. */
export type MailEntry = { item: MailItem; events: NoticeEventKind[]; why: string | null; url: string };

type Translate = (key: string, values?: Record<string, string | number | Date>) => string;

/**
 * A calendar day (YYYY-MM-DD) as the translators take a date: midnight UTC. They format in UTC
 * (see `translatorsFor`), so no reader's time zone moves it to the day before.
 */
export const calendarDay = (day: string): Date => new Date(`${day}T00:00:00Z`);

export type NoticeMailProps = {
  lang: string;
  heading: string;
  intro: string;
  entries: MailEntry[];
  t: Translate;
  vocab: Translate;
  unsubscribeUrl: string | null;
  preferencesUrl: string;
};

/** The mail around its entries, each already rendered (see `NoticeEntry`). */
export type NoticeMailFrameProps = Omit<NoticeMailProps, "entries" | "vocab"> & { entriesHtml: string[] };

const TLP_COLOURS: Record<MailItem["tlp"], string> = {
  clear: "#ffffff",
  green: "#33ff00",
  amber: "#ffc000",
  amber_strict: "#ffc000",
  red: "#ff2b2b",
};

const styles = {
  body: { backgroundColor: "#f4f4f5", fontFamily: "Arial, Helvetica, sans-serif", margin: 0, padding: "12px 0" },
  container: { backgroundColor: "#ffffff", maxWidth: "600px", margin: "0 auto", padding: "16px" },
  footer: { color: "#71717a", fontSize: "12px" },
};

// A digest carries dozens of entries (a weekly one hundreds), so an entry is plain markup with
// short inline styles: React Email's Section and Text (a table per entry, every margin spelled
// out four times) made each entry 1.2 kB, which every message then carried, encoded, over SMTP.
const entryStyles = {
  item: { borderTop: "1px solid #e4e4e7", padding: "10px 0" },
  marking: { backgroundColor: "#000", fontFamily: "monospace", fontSize: "12px", padding: "1px 4px" },
  meta: { color: "#52525b", fontSize: "13px", margin: "2px 0" },
  title: { fontSize: "16px", fontWeight: 700, margin: "4px 0" },
  summary: { fontSize: "14px", margin: "6px 0" },
  link: { color: "#067df7" },
};

function Marking({ tlp, vocab }: { tlp: MailItem["tlp"]; vocab: Translate }) {
  return <span style={{ ...entryStyles.marking, color: TLP_COLOURS[tlp] }}>{vocab(`tlp.${tlp}`)}</span>;
}

/** One notice of a mail, with only what its marking allows. */
export function NoticeEntry({ entry, t, vocab }: { entry: MailEntry; t: Translate; vocab: Translate }) {
  const { item } = entry;
  const events = [...new Set(entry.events.map((kind) => t(`event.${kind}`)))].join(" · ");
  return (
    <div style={entryStyles.item}>
      <p style={entryStyles.meta}>
        <Marking tlp={item.tlp} vocab={vocab} /> {events}
      </p>
      {entry.why ? <p style={entryStyles.meta}>{entry.why}</p> : null}
      {item.exposure === "announcement" ? (
        <p style={entryStyles.title}>{t("redNotice")}</p>
      ) : (
        <>
          <p dir="auto" style={entryStyles.title}>
            {item.exposure === "content" ? item.title : vocab(`kind.${item.kind}`)}
          </p>
          <p style={entryStyles.meta}>
            {item.exposure === "content" ? `${vocab(`kind.${item.kind}`)} · ` : ""}
            {item.place ? `${item.place} · ` : ""}
            {t("occurred", { date: calendarDay(item.occurredOn) })}
          </p>
          {item.exposure === "content" ? <p style={entryStyles.summary}>{item.summary}</p> : <p style={entryStyles.meta}>{t("behindSignIn")}</p>}
        </>
      )}
      <a href={entry.url} style={entryStyles.link} target="_blank">
        {t("open")}
      </a>
    </div>
  );
}

/** Instant alerts and digests alike: a list of notices, each with only what its marking allows. */
export function NoticeMail({ lang, heading, intro, entriesHtml, t, unsubscribeUrl, preferencesUrl }: NoticeMailFrameProps) {
  return (
    <Html lang={lang}>
      <Head />
      <Preview>{intro}</Preview>
      <Body style={styles.body}>
        <Container style={styles.container}>
          <Heading as="h1" style={{ fontSize: "20px" }}>
            {heading}
          </Heading>
          <Text>{intro}</Text>
          {entriesHtml.map((html, i) => (
            <div key={i} dangerouslySetInnerHTML={{ __html: html }} />
          ))}
          <Hr />
          <Text style={styles.footer}>
            {t("footer")} <Link href={preferencesUrl}>{t("preferences")}</Link>
            {unsubscribeUrl ? (
              <>
                {" · "}
                <Link href={unsubscribeUrl}>{t("unsubscribe")}</Link>
              </>
            ) : null}
          </Text>
        </Container>
      </Body>
    </Html>
  );
}
