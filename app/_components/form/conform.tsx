"use client";

import { getFormProps, parse, useForm, type DefaultValue, type FieldMetadata, type FormMetadata } from "@conform-to/react";
import { useTranslations } from "next-intl";
import { useActionState, useEffect, useRef, useState, useTransition, type FocusEvent, type FormEvent } from "react";
import type { z } from "zod";
import { encodeError, type FormResult } from "~/schemas/form";
import type { parseForm } from "~/schemas/parse-form";
import { refusalKey } from "./use-form-action";

// The controls, messages and error summary that read a form's fields.
export {
  CheckboxField,
  CheckboxGroup,
  ConformFormMessage,
  ConformMessage,
  ErrorSummary,
  HiddenField,
  InputField,
  RadioGroup,
  SelectField,
  TextareaField,
} from "./conform-fields";
export type { Choice } from "./conform-fields";

// Every form of the app: one server action (it works without JavaScript and redirects after
// success), Conform's state (values, errors, repeated rows), and the same parse in the browser,
// loaded once the reader starts on the form.

type Shape = Record<string, unknown>;
// Any field of any form: the components below only read its name, id, value and errors.
export type Field = FieldMetadata<any, any, string[]>;
export type Form = FormMetadata<any, string[]>;
/** A field of a form whose shape is known only at run time (a union of kinds): its parts, untyped. */
export type DynamicField = Field & { getFieldset: () => Record<string, DynamicField>; getFieldList: () => DynamicField[] };

/**
 * A form's schema, imported when it is first needed: `() => import("~/schemas/users").then((m) => m.ZUserInvite)`,
 * declared once per module so that every form using it shares one fetch.
 */
export type SchemaLoader<Schema extends z.ZodType> = () => Promise<Schema>;
type Submission<Schema extends z.ZodType> = ReturnType<typeof parseForm<Schema>>;
type Validator<Schema extends z.ZodType> = (form: FormData) => Submission<Schema>;
type SubmitContext<Schema extends z.ZodType> = { formData: FormData; submission: Submission<Schema> | undefined };

// zod, Conform's adapter and the schemas are most of a form's script, and the server checks every
// post anyway: the browser fetches them once per schema, when a form using it is first touched.
const validators = new WeakMap<SchemaLoader<z.ZodType>, Promise<Validator<z.ZodType>>>();

/** The browser's parse of a form with the schema `load` brings (as the server parses it). */
export function loadValidator<Schema extends z.ZodType>(load: SchemaLoader<Schema>): Promise<Validator<Schema>> {
  let validator = validators.get(load);
  if (!validator) {
    validator = Promise.all([load(), import("~/schemas/parse-form")]).then(
      ([schema, { parseForm }]) =>
        (form: FormData) =>
          parseForm(form, schema),
    );
    // A failed fetch (offline) is tried again at the next touch.
    validator.catch(() => validators.delete(load));
    validators.set(load, validator);
  }
  return validator as Promise<Validator<Schema>>;
}

// Until the schema is here, a row added or removed (or values restored) is applied in the browser
// as before, unchecked; a submit goes to the server action, which checks it (`error: null` is
// Conform's "not validated here").
const unchecked = <Schema extends z.ZodType>(form: FormData) =>
  parse(form, { resolve: (_value, intent) => ({ error: intent ? {} : null }) }) as Submission<Schema>;

/** Conform's reply to a post the server never took up: what was typed, and why, as the form's message. */
const refused = <Result extends FormResult>(form: FormData, key: string) =>
  parse(form, { resolve: () => ({ error: { "": [encodeError({ key })] } }) }).reply() as Result;

/** The name of the form's own field an event came from (as Conform tells them), or "". */
function fieldName(target: EventTarget, formId: string): string {
  const field = target instanceof HTMLInputElement || target instanceof HTMLSelectElement || target instanceof HTMLTextAreaElement;
  return field && target.form?.id === formId ? target.name : "";
}

/**
 * A Conform form bound to its server action. Once the reader touches the form it validates in the
 * browser with the schema the server uses (first on leaving a field, then as it is retyped) and
 * shows the server's answer (lastResult) when it comes back. `onSubmit` sees the submission,
 * validated if the schema had arrived, before it is sent: `event.preventDefault()` there sends it
 * another way. Without JavaScript the form posts to `action` as any HTML form.
 */
export function useConformForm<Schema extends z.ZodType<Shape, Shape>, Result extends FormResult = FormResult>(
  schema: SchemaLoader<Schema>,
  action: (previous: Result | undefined, form: FormData) => Promise<Result>,
  options: {
    id: string;
    defaultValue?: DefaultValue<z.input<Schema>>;
    onSubmit?: (event: FormEvent<HTMLFormElement>, context: SubmitContext<Schema>) => void;
  },
) {
  const t = useTranslations("errors");
  // Without JavaScript (or before it runs) the browser posts to the action and `posted` is its
  // answer; with it, the post is sent from `onSubmit` and `answer` is what came back.
  const [posted, formAction, posting] = useActionState(action, undefined);
  const [answer, setAnswer] = useState<Result | undefined>(undefined);
  const [sending, startSending] = useTransition();
  const lastResult = answer ?? posted;
  const [validate, setValidate] = useState<Validator<Schema> | null>(null);
  // Fields left before the schema arrived, checked as soon as it does.
  const leftEarly = useRef(new Set<string>());
  const [form, fields] = useForm<z.input<Schema>, z.output<Schema>, string[]>({
    id: options.id,
    lastResult,
    defaultValue: options.defaultValue,
    ...(validate
      ? { shouldValidate: "onBlur", shouldRevalidate: "onInput", onValidate: ({ formData }) => validate(formData) }
      : { onValidate: ({ formData }) => unchecked<Schema>(formData) }),
    // With JavaScript the post is sent from here, not by the form's `action`: React resets a form
    // after its action, which would empty every field a refusal should keep; and a post refused
    // before the action ran (429) or never answered (a dropped link) is said at the form, with
    // every value kept, where the action alone would throw it to the error page.
    onSubmit: (event, context) => {
      const submission = validate ? (context.submission as Submission<Schema>) : undefined;
      options.onSubmit?.(event, { formData: context.formData, submission });
      if (event.defaultPrevented) return;
      event.preventDefault();
      const formData = context.formData;
      startSending(async () => {
        try {
          const next = await action(lastResult, formData);
          startSending(() => setAnswer(next));
        } catch (error) {
          const key = refusalKey(error, t.has);
          if (key === null) throw error;
          startSending(() => setAnswer(refused<Result>(formData, key)));
        }
      });
    },
  });

  useEffect(() => {
    if (!validate) return;
    for (const name of leftEarly.current) form.validate({ name });
    leftEarly.current.clear();
    // Once, when the schema arrives: `form` changes with every keystroke.
  }, [validate]);

  const touched = () => {
    if (!validate)
      void loadValidator(schema).then(
        (validator) => setValidate(() => validator),
        () => undefined,
      );
  };
  const left = (event: FocusEvent<HTMLFormElement>) => {
    const name = validate ? "" : fieldName(event.target, options.id);
    if (name) leftEarly.current.add(name);
  };
  return {
    form,
    fields,
    formProps: { ...getFormProps(form), action: formAction, onFocus: touched, onInput: touched, onPointerDown: touched, onBlur: left },
    pending: posting || sending,
    result: lastResult,
  };
}
