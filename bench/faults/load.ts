import { randomUUID } from "node:crypto";
import { percentile } from "~/bench/lib/load";
import type { Tlp } from "~/schemas/notice-enums";
import { seizureInput } from "~/tests/notices";
import { mutate, mutateAndCut, query, type Answer } from "./trpc";

/** A signed-in virtual user's account: its cookie, who it is for the visibility rule, whether it may post. */
export type Session = { email: string; userId: string; agencyId: string; cookie: string; canPost: boolean };

/** A submission the app acknowledged (200 with the notice's id), by its idempotency key. */
export type Acknowledged = { key: string; noticeId: string; author: Session; tlp: Tlp; recipientIds: string[] };

export type Operation = "feed" | "search" | "get" | "post";
/** One answer: when the request was sent (`sent`) and answered (`at`), epoch ms. */
export type Sample = { sent: number; at: number; op: Operation; status: number; ms: number; error?: string };

/** Every answer of the load, with when it came: the scenarios' figures and the 5xx check read it. */
export class Recorder {
  readonly samples: Sample[] = [];
  cut = 0;

  add(op: Operation, answer: Answer) {
    const at = Date.now();
    this.samples.push({ sent: at - answer.ms, at, op, status: answer.status, ms: answer.ms, error: answer.error });
  }

  /** Requests, answers by status ("none": no answer, and why), and p50/p95 of the successful ones, in ms. */
  summary(keep: (s: Sample) => boolean = () => true) {
    const chosen = this.samples.filter(keep);
    const byStatus: Record<string, number> = {};
    for (const s of chosen) {
      const key = s.status || `none (${s.op}: ${s.error})`;
      byStatus[key] = (byStatus[key] ?? 0) + 1;
    }
    const ok = chosen
      .filter((s) => s.status === 200)
      .map((s) => s.ms)
      .sort((a, b) => a - b);
    const slowest = Math.max(0, ...chosen.map((s) => s.ms));
    return { requests: chosen.length, byStatus, errors: chosen.length - ok.length, p50: percentile(ok, 50), p95: percentile(ok, 95), slowest };
  }
}

export const formatSummary = (s: ReturnType<Recorder["summary"]>) =>
  `${s.requests} requests, by status ${JSON.stringify(s.byStatus)}, p50 ${s.p50.toFixed(0)} ms, p95 ${s.p95.toFixed(0)} ms (of the 200s), slowest answer ${s.slowest.toFixed(0)} ms`;

// What the load posts, by TLP: mostly shared widely, a fifth with a narrow audience whose
// visibility the checks then probe from outside it.
const TLP_MIX: [Tlp, number][] = [
  ["clear", 0.4],
  ["green", 0.2],
  ["amber", 0.15],
  ["amber_strict", 0.15],
  ["red", 0.1],
];

function pickTlp(): Tlp {
  let r = Math.random();
  for (const [tlp, share] of TLP_MIX) if ((r -= share) < 0) return tlp;
  return "clear";
}

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const SEARCHES = ["acetic anhydride", "Torugart", "fault harness"];

/** A seizure as the notice form submits it, with the audience its TLP requires. */
export function noticeFor(author: Session, tlp: Tlp, others: Session[]) {
  const recipient = pick(others.filter((o) => o.userId !== author.userId));
  return seizureInput({
    title: `Fault harness seizure ${randomUUID().slice(0, 8)}`,
    occurredOn: new Date().toISOString().slice(0, 10),
    tlp,
    releaseAgencyIds: tlp === "amber_strict" ? [author.agencyId] : [],
    releaseCountryCodes: tlp === "amber" ? ["KZ"] : [],
    recipientIds: tlp === "red" ? [recipient.userId] : [],
  });
}

export type LoadOptions = {
  base: string;
  sessions: Session[];
  seconds: number;
  /** Mean pause between a virtual user's requests (uniform between 0 and twice this). */
  thinkMs: number;
  /** Share of posts whose connection is cut once the body is sent, then retried with the same key. */
  cutShare?: number;
  /** How long after the end a post that got no acknowledgement (503, no answer) keeps retrying. */
  retrySeconds: number;
  acknowledged: Map<string, Acknowledged>;
  recorder: Recorder;
};

/**
 * One virtual user per session for `seconds`: 80% reads (feed, search, a notice from its last feed
 * page), 20% posts with an idempotency key (reads only for those who may not post: chiefs). A post without an answer, or answered 503, is sent
 * again with the same key, as the form does, until acknowledged.
 */
export async function runLoad(options: LoadOptions): Promise<void> {
  const { base, recorder } = options;
  const deadline = Date.now() + options.seconds * 1000;
  const retryUntil = deadline + options.retrySeconds * 1000;

  const post = async (session: Session) => {
    const tlp = pickTlp();
    const notice = noticeFor(session, tlp, options.sessions);
    const input = { idempotencyKey: randomUUID(), asDraft: false, notice };
    if (Math.random() < (options.cutShare ?? 0)) {
      await mutateAndCut(base, session.cookie, "notices.create", input);
      recorder.cut++;
    }
    for (let attempt = 1; Date.now() < retryUntil; attempt++) {
      const answer = await mutate<{ id: string }>(base, session.cookie, "notices.create", input);
      recorder.add("post", answer);
      if (answer.status === 200 && answer.data) {
        options.acknowledged.set(input.idempotencyKey, {
          key: input.idempotencyKey,
          noticeId: answer.data.id,
          author: session,
          tlp,
          recipientIds: notice.recipientIds ?? [],
        });
        return;
      }
      if (answer.status !== 0 && answer.status !== 503) return;
      await sleep(Math.min(2000, 200 * attempt));
    }
  };

  const virtualUser = async (session: Session) => {
    let seen: string[] = [];
    await sleep(Math.random() * options.thinkMs);
    while (Date.now() < deadline) {
      const r = Math.random();
      if (r < 0.2 && session.canPost) await post(session);
      else if (r < 0.5 || seen.length === 0) {
        const answer = await query<{ items: { id: string }[] }>(base, session.cookie, "notices.feed", { limit: 20 });
        recorder.add("feed", answer);
        if (answer.data) seen = answer.data.items.map((i) => i.id);
      } else if (r < 0.7) recorder.add("search", await query(base, session.cookie, "notices.search", { q: pick(SEARCHES) }));
      else recorder.add("get", await query(base, session.cookie, "notices.get", { id: pick(seen) }));
      await sleep(Math.random() * 2 * options.thinkMs);
    }
  };
  await Promise.all(options.sessions.map(virtualUser));
}
