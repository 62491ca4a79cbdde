import MimeNode from "nodemailer/lib/mime-node";

// RFC 2045 §6.8: base64 in lines of at most 76 characters.
const LINE = 76;
const CRLF = Buffer.from("\r\n");

function base64Lines(content: Buffer): Buffer {
  const encoded = Buffer.from(content.toString("base64"), "latin1");
  const out = Buffer.allocUnsafe(encoded.length + Math.ceil(encoded.length / LINE) * CRLF.length);
  let at = 0;
  for (let from = 0; from < encoded.length; from += LINE) {
    at += encoded.copy(out, at, from, Math.min(from + LINE, encoded.length));
    at += CRLF.copy(out, at);
  }
  return out.subarray(0, at);
}

export type MimeMessage = {
  from: string;
  to: string;
  subject: string;
  messageId: string;
  headers: Record<string, string>;
  text: Buffer;
  html: Buffer;
};

/**
 * The message as sent: a multipart/alternative of a plain-text and an HTML part, both UTF-8 in
 * base64. The header block is nodemailer's (address formatting, RFC 2047 words for a non-ASCII
 * subject, folding, Date, MIME-Version); the bodies are encoded here in one pass each. Composed
 * by nodemailer, a digest run spent more time scanning the bodies to choose their encoding and
 * piping them through its streams than building them.
 */
export function composeMime(mail: MimeMessage): Buffer {
  const root = new MimeNode("multipart/alternative");
  root.setHeader({ From: mail.from, To: mail.to, Subject: mail.subject, "Message-ID": mail.messageId, ...mail.headers });
  const head = root.buildHeaders();
  // buildHeaders() chose the boundary; it contains "_", which base64 never does.
  const delimiter = `--${root.boundary as string}`;
  const part = (type: string) => Buffer.from(`${delimiter}\r\nContent-Type: ${type}; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n`);
  return Buffer.concat([
    Buffer.from(`${head}\r\n\r\n`),
    part("text/plain"),
    base64Lines(mail.text),
    part("text/html"),
    base64Lines(mail.html),
    Buffer.from(`${delimiter}--\r\n`),
  ]);
}
