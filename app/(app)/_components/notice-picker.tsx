"use client";

import { Combobox, type ComboboxProps, type ComboSearch } from "~/app/_components/combobox";
import { TLP_LABELS } from "~/app/_components/tlp-badge";
import { fetchQuery } from "~/app/_trpc/events";
import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "~/server/api/root";
import type { NoticeKind, NoticeStatus } from "~/schemas/notice-enums";

type Props = Omit<Extract<ComboboxProps, { name: string; search: ComboSearch }>, "search" | "options" | "multiple" | "onChoose"> & {
  /** The notice the picker is on, which is no choice. */
  exclude: string;
  kind?: NoticeKind;
  statuses?: readonly NoticeStatus[];
};

/**
 * Chooses another notice by typing part of its title (or pasting its address): only notices the
 * reader may read are offered (`notices.pick`, through the visibility rule). Without JavaScript, a
 * text field for the address or id.
 */
export function NoticePicker({ exclude, kind, statuses, ...field }: Props) {
  const search: ComboSearch = async (q) => {
    // Asked afresh each time (no cache): a notice merged or re-marked a moment ago must not linger
    // as a choice. By plain fetch: the notice page carries no tRPC client (page weight).
    const rows = await fetchQuery<inferRouterOutputs<AppRouter>["notices"]["pick"]>("notices.pick", { q, kind, statuses });
    return rows
      .filter((row) => row.id !== exclude)
      .map((row) => ({ value: row.id, label: row.title, detail: [row.agencyShortName, row.occurredOn, TLP_LABELS[row.tlp]].join(" · ") }));
  };
  return <Combobox {...field} search={search} />;
}
