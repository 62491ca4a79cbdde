"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Link } from "~/app/_components/link";
import type { ReactNode } from "react";
import { useTRPC } from "~/app/_trpc/react";

/** The notice a notification is about; following it marks an unread notification read. */
export function NotificationNoticeLink({ id, noticeId, unread, children }: { id: number; noticeId: string; unread: boolean; children: ReactNode }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const markRead = useMutation(
    trpc.notifications.markRead.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.notifications.unreadCount.queryKey() }),
    }),
  );
  return (
    <Link
      href={`/notices/${noticeId}`}
      onClick={() => (unread ? markRead.mutate({ id }) : undefined)}
      className="text-brand-600 underline-offset-2 hover:underline"
    >
      {children}
    </Link>
  );
}
