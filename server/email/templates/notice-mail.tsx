import { Body, Container, Head, Heading, Hr, Html, Link, Preview, Section, Text } from "@react-email/components";
import type { NoticeEventKind } from "~/db/schema";
import type { MailItem } from "~/server/email/tlp";

export type MailEntry = { item: MailItem; events: NoticeEventKind[]; url: string };

type Translate = (key: string, values?: Record<string, string | number>) => string;

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
  item: { borderTop: "1px solid #e4e4e7", padding: "10px 0" },
  marking: { backgroundColor: "#000000", fontFamily: "monospace", fontSize: "12px", padding: "1px 4px" },
  meta: { color: "#52525b", fontSize: "13px", margin: "2px 0" },
  title: { fontSize: "16px", fontWeight: 700, margin: "4px 0" },
  footer: { color: "#71717a", fontSize: "12px" },
};

function Marking({ tlp, vocab }: { tlp: MailItem["tlp"]; vocab: Translate }) {
  return <span style={{ ...styles.marking, color: TLP_COLOURS[tlp] }}>{vocab(`tlp.${tlp}`)}</span>;
}

/** One notice of a mail, with only what its marking allows. */
export function NoticeEntry({ entry, t, vocab }: { entry: MailEntry; t: Translate; vocab: Translate }) {
  const { item } = entry;
  const events = [...new Set(entry.events.map((kind) => t(`event.${kind}`)))].join(" · ");
  return (
    <Section style={styles.item}>
      <Text style={styles.meta}>
        <Marking tlp={item.tlp} vocab={vocab} /> {events}
      </Text>
      {item.exposure === "announcement" ? (
        <Text style={styles.title}>{t("redNotice")}</Text>
      ) : (
        <>
          <Text style={styles.title}>{item.exposure === "content" ? item.title : vocab(`kind.${item.kind}`)}</Text>
          <Text style={styles.meta}>
            {item.exposure === "content" ? `${vocab(`kind.${item.kind}`)} · ` : ""}
            {item.place ? `${item.place} · ` : ""}
            {t("occurred", { date: item.occurredOn })}
          </Text>
          {item.exposure === "content" ? <Text>{item.summary}</Text> : <Text style={styles.meta}>{t("behindSignIn")}</Text>}
        </>
      )}
      <Link href={entry.url}>{t("open")}</Link>
    </Section>
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
