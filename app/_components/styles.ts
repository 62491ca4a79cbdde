// The look of buttons and links, apart from ui.tsx: client modules (the error page, loaded by every
// page) use it without bringing in ui.tsx's components.

const buttonStyles = {
  primary: "bg-brand-600 text-white hover:bg-brand-700 disabled:opacity-60",
  secondary: "border border-slate-300 bg-white text-slate-800 hover:bg-slate-50 disabled:opacity-60",
  danger: "bg-red-700 text-white hover:bg-red-800 disabled:opacity-60",
} as const;

export type ButtonVariant = keyof typeof buttonStyles;

/** The classes of a button (or of a link that looks like one) in `variant`, plus `className`. */
export function buttonClass(variant: ButtonVariant, className = ""): string {
  return `inline-flex min-h-10 items-center justify-center rounded-md px-4 py-2 text-sm font-medium ${buttonStyles[variant]} ${className}`;
}

// Underlined, faintly: a link inside a sentence must not be told apart by its colour alone
// (WCAG 1.4.1; axe's link-in-text-block found the blue against the text at 2.19:1).
export const textLinkClass = "text-brand-600 underline decoration-brand-600/40 underline-offset-2 hover:decoration-brand-600";
