import Form from "next/form";
import type { ReactNode } from "react";
import type { FieldError } from "~/schemas/issues";
import { TextField } from "./form";

/**
 * A search box as a GET form, so that a search is an address (`?q=`) and needs no JavaScript. The
 * box remounts on navigation (keyed by `query`), so it shows the query of the page being shown,
 * and an emptied address empties it. `children`: what stands beside the box (an order, the buttons).
 */
export function QueryForm(props: {
  action: string;
  className: string;
  label: string;
  hint: string;
  query: string;
  maxLength: number | undefined;
  error: FieldError | undefined;
  children: ReactNode;
}) {
  return (
    <Form action={props.action} prefetch={false} role="search" className={props.className}>
      <div className="flex-1">
        <TextField
          key={props.query}
          label={props.label}
          hint={props.hint}
          name="q"
          type="search"
          defaultValue={props.query}
          maxLength={props.maxLength}
          error={props.error}
        />
      </div>
      {props.children}
    </Form>
  );
}
