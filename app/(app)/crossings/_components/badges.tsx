import { getTranslations } from "next-intl/server";
import { Badge } from "~/app/_components/ui";

const STATUS_TONES = { open: "green", seasonal: "amber", closed: "red" } as const;

export async function CrossingStatus({ status }: { status: keyof typeof STATUS_TONES }) {
  const t = await getTranslations("reference.status");
  return <Badge tone={STATUS_TONES[status]}>{t(status)}</Badge>;
}

export async function CrossingModes({ modes }: { modes: ("road" | "rail")[] }) {
  const t = await getTranslations("reference.mode");
  return (
    <span className="inline-flex flex-wrap gap-1">
      {modes.map((mode) => (
        <Badge key={mode}>{t(mode)}</Badge>
      ))}
    </span>
  );
}
