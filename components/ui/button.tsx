import type { ComponentProps } from "react";

// No focus classes here: the one focus ring for every control is `:focus-visible` in globals.css.
// Every variant has a border, transparent where the fill is the edge: forced colours (Windows
// High Contrast) drop the fill but paint the border, so the button still reads as one. There,
// disabled is said the system's way (GrayText).
const base =
  "rounded-md border font-medium forced-colors:disabled:border-[GrayText] forced-colors:disabled:text-[GrayText]";
const variants = {
  primary:
    "border-transparent bg-indigo-600 text-white hover:bg-indigo-700 disabled:cursor-not-allowed disabled:bg-slate-300 disabled:text-slate-700 dark:disabled:bg-slate-700 dark:disabled:text-slate-200",
  secondary:
    "border-slate-300 bg-white text-slate-900 hover:bg-slate-100 disabled:opacity-50 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100 dark:hover:bg-slate-800",
  danger: "border-transparent bg-red-700 text-white hover:bg-red-800 disabled:cursor-not-allowed disabled:opacity-50",
};

const sizes = {
  /** Compact, for the header. */
  sm: "px-3 py-1",
  md: "px-4 py-2",
  /** A little wider: the main action of a form or step. */
  lg: "px-5 py-2",
};

export type ButtonVariant = keyof typeof variants;
export type ButtonSize = keyof typeof sizes;

/** A form's main action is primary, and a primary button is `lg` unless told otherwise. */
const defaultSize = (variant: ButtonVariant): ButtonSize => (variant === "primary" ? "lg" : "md");

/** The classes of a button, for the rare link that must look like one (e.g. "New source"). */
export function buttonClasses(variant: ButtonVariant, size: ButtonSize = defaultSize(variant)) {
  return `${base} ${sizes[size]} ${variants[variant]}`;
}

interface ButtonProps extends ComponentProps<"button"> {
  variant: ButtonVariant;
  size?: ButtonSize;
}

/**
 * The app's button. `type` defaults to "button", so a button inside a form only submits it when
 * it says so; every native prop (and `ref`) is passed through. `className` adds layout (e.g.
 * `w-full`), not colours: two classes for one property would fight.
 */
export function Button({ variant, size, type = "button", className, ...props }: ButtonProps) {
  const classes = buttonClasses(variant, size);
  return <button type={type} className={className ? `${classes} ${className}` : classes} {...props} />;
}
