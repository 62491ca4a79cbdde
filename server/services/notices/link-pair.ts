/** The key of a "related to" link between two notices: stored once per pair, smaller id first (notice_links_ordered). */
export const linkPair = (a: string, b: string) => (a < b ? { noticeA: a, noticeB: b } : { noticeA: b, noticeB: a });
