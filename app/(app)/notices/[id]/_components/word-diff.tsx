/** A run of words that both versions share, or that only the earlier or only the later one has. */
export type Segment = { text: string; in: "both" | "before" | "after" };

// Past this many word pairs a text is shown whole on each side: the table below grows with
// their product, and a rewrite that large is read whole anyway.
const MAX_CELLS = 1_000_000;

/**
 * The words two versions of a text share and those that differ, by longest common subsequence
 * over words (whitespace kept with the word before it); null when the texts are too long to
 * compare word by word.
 */
export function wordDiff(before: string, after: string): Segment[] | null {
  const a = before.match(/\S+\s*|\s+/g) ?? [];
  const b = after.match(/\S+\s*|\s+/g) ?? [];
  if (a.length * b.length > MAX_CELLS) return null;
  // common[i][j]: the length of the longest common subsequence of a[i..] and b[j..].
  const width = b.length + 1;
  const common = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      common[i * width + j] =
        a[i]!.trim() === b[j]!.trim() ? common[(i + 1) * width + j + 1]! + 1 : Math.max(common[(i + 1) * width + j]!, common[i * width + j + 1]!);
  const segments: Segment[] = [];
  const push = (text: string, side: Segment["in"]) => {
    const last = segments.at(-1);
    if (last?.in === side) last.text += text;
    else segments.push({ text, in: side });
  };
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i]!.trim() === b[j]!.trim()) {
      push(b[j]!, "both");
      i++;
      j++;
    } else if (i < a.length && (j === b.length || common[(i + 1) * width + j]! >= common[i * width + j + 1]!)) push(a[i++]!, "before");
    else push(b[j++]!, "after");
  }
  return segments;
}

/**
 * One side of a changed text: what the other side lacks is marked (struck through before,
 * underlined after), so the change is found without reading both whole.
 */
export function MarkedText({ segments, side }: { segments: Segment[]; side: "before" | "after" }) {
  return (
    <span className="whitespace-pre-wrap">
      {segments.map((segment, i) =>
        segment.in === "both" ? (
          segment.text
        ) : segment.in !== side ? null : side === "before" ? (
          <del key={i} className="bg-red-100 text-red-900">
            {segment.text}
          </del>
        ) : (
          <ins key={i} className="bg-green-100 text-green-900">
            {segment.text}
          </ins>
        ),
      )}
    </span>
  );
}
