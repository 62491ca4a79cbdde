import { api } from "~/app/_trpc/server";
import { FollowForm, type FollowTarget } from "./follow-form";

/** "Subscribe" on a crossing's, substance's or agency's page: a feed of exactly that one thing. */
export async function FollowButton({ target, id }: { target: FollowTarget; id: string }) {
  const current = await (await api()).subscriptions.forTarget({ target, id });
  return <FollowForm target={target} id={id} current={current} />;
}
