"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { FormMessage, formErrors, noErrors, SelectField, TextField, type FormErrors } from "~/app/_components/form";
import { Button } from "~/app/_components/ui";
import { useTRPC } from "~/app/_trpc/react";
import type { Role } from "~/server/auth/roles";
import { InvitationLink } from "./invitation-link";
import type { Invitation, Option, UserFormOptions } from "./types";

export type ManagedUser = {
  id: string;
  name: string;
  role: Role;
  status: "invited" | "active" | "disabled";
  agencyId: string;
  agencyLabel: string;
  dutyStationId: string | null;
  isSelf: boolean;
};

const draftOf = (user: ManagedUser) => ({ name: user.name, role: user.role, agencyId: user.agencyId, dutyStationId: user.dutyStationId ?? "" });

/** The buttons and edit form of one row of the users table; they stay inside the row they act on. */
export function UserActions({ user, options }: { user: ManagedUser; options: UserFormOptions }) {
  const t = useTranslations("users");
  const tc = useTranslations("common");
  const router = useRouter();
  const trpc = useTRPC();
  const update = useMutation(trpc.users.update.mutationOptions());
  const disable = useMutation(trpc.users.disable.mutationOptions());
  const enable = useMutation(trpc.users.enable.mutationOptions());
  const resend = useMutation(trpc.users.resendInvitation.mutationOptions());
  const endSessions = useMutation(trpc.users.endSessions.mutationOptions());
  const resetSecondFactor = useMutation(trpc.users.resetSecondFactor.mutationOptions());
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(() => draftOf(user));
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [invitation, setInvitation] = useState<Invitation | null>(null);
  const [saved, setSaved] = useState(false);
  const panelId = useId();
  const busy = update.isPending || disable.isPending || enable.isPending || resend.isPending || endSessions.isPending || resetSecondFactor.isPending;

  // An inactive agency is not offered for new assignments, but a user may still belong to one.
  const agencies: Option[] = options.agencies.some((agency) => agency.id === user.agencyId)
    ? options.agencies
    : [{ id: user.agencyId, label: user.agencyLabel }, ...options.agencies];

  const settle = {
    onSuccess: () => {
      setErrors(noErrors);
      router.refresh();
    },
    onError: (error: unknown) => setErrors(formErrors(error)),
  };

  function toggleEditing() {
    setErrors(noErrors);
    setSaved(false);
    setDraft(draftOf(user));
    setEditing(!editing);
  }

  function save(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    update.mutate(
      {
        userId: user.id,
        name: draft.name,
        role: draft.role,
        dutyStationId: draft.dutyStationId || null,
        ...(options.canChangeAgency ? { agencyId: draft.agencyId } : {}),
      },
      {
        ...settle,
        onSuccess: () => {
          settle.onSuccess();
          setEditing(false);
          setSaved(true);
        },
      },
    );
  }

  function resendInvitation() {
    setInvitation(null);
    resend.mutate(
      { userId: user.id },
      {
        ...settle,
        onSuccess: (fresh) => {
          settle.onSuccess();
          setInvitation(fresh);
        },
      },
    );
  }

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-2">
        <Button type="button" variant="secondary" aria-expanded={editing} aria-controls={panelId} onClick={toggleEditing}>
          {t("actions.edit")}
        </Button>
        {user.status === "disabled" ? (
          <Button type="button" variant="secondary" disabled={busy} onClick={() => enable.mutate({ userId: user.id }, settle)}>
            {t("actions.enable")}
          </Button>
        ) : user.isSelf ? null : (
          <Button type="button" variant="danger" disabled={busy} onClick={() => disable.mutate({ userId: user.id }, settle)}>
            {t("actions.disable")}
          </Button>
        )}
        {user.status === "active" && !user.isSelf ? (
          <Button type="button" variant="secondary" disabled={busy} onClick={() => endSessions.mutate({ userId: user.id }, settle)}>
            {t("actions.endSessions")}
          </Button>
        ) : null}
        {user.status === "active" && !user.isSelf ? (
          <Button type="button" variant="secondary" disabled={busy} onClick={() => resetSecondFactor.mutate({ userId: user.id }, settle)}>
            {t("actions.resetSecondFactor")}
          </Button>
        ) : null}
        {user.status === "invited" ? (
          <Button type="button" variant="secondary" disabled={busy} onClick={resendInvitation}>
            {t("actions.resend")}
          </Button>
        ) : null}
      </div>
      {editing ? null : <FormMessage message={errors.message} />}
      {saved ? (
        <p role="status" className="text-sm text-green-800">
          {t("actions.saved")}
        </p>
      ) : null}
      {invitation ? (
        <div className="min-w-64 space-y-2">
          <p role="status" className="text-sm text-green-800">
            {t("actions.resent")}
          </p>
          <InvitationLink invitation={invitation} />
        </div>
      ) : null}
      {editing ? (
        <form id={panelId} onSubmit={save} noValidate className="min-w-64 space-y-3 rounded-md bg-slate-50 p-3">
          <FormMessage message={errors.message} />
          <TextField
            label={t("invite.name")}
            name="name"
            required
            maxLength={200}
            value={draft.name}
            error={errors.fields.name}
            onChange={(event) => setDraft({ ...draft, name: event.target.value })}
          />
          <SelectField
            label={t("invite.role")}
            name="role"
            value={draft.role}
            error={errors.fields.role}
            onChange={(event) => {
              const role = options.roles.find((r) => r === event.target.value);
              if (role) setDraft({ ...draft, role });
            }}
          >
            {options.roles.map((role) => (
              <option key={role} value={role}>
                {tc(`roles.${role}`)}
              </option>
            ))}
          </SelectField>
          {options.canChangeAgency ? (
            <SelectField
              label={t("invite.agency")}
              name="agencyId"
              value={draft.agencyId}
              error={errors.fields.agencyId}
              onChange={(event) => setDraft({ ...draft, agencyId: event.target.value })}
            >
              {agencies.map((agency) => (
                <option key={agency.id} value={agency.id}>
                  {agency.label}
                </option>
              ))}
            </SelectField>
          ) : null}
          <SelectField
            label={t("invite.dutyStation")}
            name="dutyStationId"
            value={draft.dutyStationId}
            error={errors.fields.dutyStationId}
            onChange={(event) => setDraft({ ...draft, dutyStationId: event.target.value })}
          >
            <option value="">{t("invite.noDutyStation")}</option>
            {options.crossings.map((crossing) => (
              <option key={crossing.id} value={crossing.id}>
                {crossing.label}
              </option>
            ))}
          </SelectField>
          <div className="flex flex-wrap gap-2">
            <Button type="submit" disabled={busy}>
              {update.isPending ? t("actions.saving") : t("actions.save")}
            </Button>
            <Button type="button" variant="secondary" onClick={toggleEditing}>
              {tc("cancel")}
            </Button>
          </div>
        </form>
      ) : null}
    </div>
  );
}
