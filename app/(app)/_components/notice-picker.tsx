"use client";

import { useQueryClient } from "@tanstack/react-query";
import { Combobox, type ComboboxProps, type ComboSearch } from "~/app/_components/combobox";
import { TLP_LABELS } from "~/app/_components/tlp-badge";
import { useTRPC } from "~/app/_trpc/react";
import type { NoticeKind, NoticeStatus } from "~/schemas/notice-enums";

type Props = Omit<Extract<ComboboxProps, { search: ComboSearch }>, "search" | "options" | "multiple"> & {
  /** The notice the picker is on, which is no choice. */
  exclude: string;
  kind?: NoticeKind;
  statuses?: NoticeStatus[];
};

/**
 * Chooses another notice by typing part of its title (or pasting its address): only notices the
 * reader may read are offered (`notices.pick`, through the visibility rule). Without JavaScript, a
 * text field for the address or id.
 */
export function NoticePicker({ exclude, kind, statuses, ...field }: Props) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const search: ComboSearch = async (q) => {
    // Asked afresh each time: a notice merged or re-marked a moment ago must not linger as a choice.
    const rows = await queryClient.fetchQuery({ ...trpc.notices.pick.queryOptions({ q, kind, statuses }), staleTime: 0 });
    return rows
      .filter((row) => row.id !== exclude)
      .map((row) => ({ value: row.id, label: row.title, detail: [row.agencyShortName, row.occurredOn, TLP_LABELS[row.tlp]].join(" · ") }));
  };
  return <Combobox {...field} search={search} />;
}
