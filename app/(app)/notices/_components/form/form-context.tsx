"use client";

import { createContext, useContext } from "react";
import type { DynamicField as Field, Form } from "~/app/_components/form/conform";
import type { LocalizedOptions } from "./options";

type FormContext = {
  form: Form;
  /** The fields of `notice`, every kind's: a part reads those of its own kind. */
  notice: Record<string, Field>;
  options: LocalizedOptions;
};

const Context = createContext<FormContext | null>(null);
export const NoticeFormProvider = Context.Provider;

export function useNoticeForm() {
  const value = useContext(Context);
  if (!value) throw new Error("notice form parts must be rendered inside NoticeForm");
  return value;
}
