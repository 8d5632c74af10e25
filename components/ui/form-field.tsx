import * as React from "react";
import { Slot } from "radix-ui";
import { cn } from "@/lib/utils";
import { Label } from "./label";

export interface FormFieldProps {
  /** The control's name; also the base of the ids that tie the label, hint and error to it. */
  name: string;
  label: React.ReactNode;
  /** One control (Input, Textarea, Select…); it receives id, aria-invalid and aria-describedby. */
  children: React.ReactElement;
  description?: React.ReactNode;
  /** Error messages for this field, e.g. `result.fieldErrors?.email`. */
  errors?: readonly string[] | string | null;
  required?: boolean;
  /** Text after the label of a required field, e.g. 「必須」. */
  requiredLabel?: string;
  id?: string;
  className?: string;
}

/**
 * Label + control + hint + error, wired for assistive technology: the label targets the control, the control
 * points at its hint and error through aria-describedby, and aria-invalid marks it while an error is shown.
 */
export function FormField({ name, label, children, description, errors, required, requiredLabel, id, className }: FormFieldProps) {
  const controlId = id ?? `field-${name}`;
  const descriptionId = `${controlId}-description`;
  const errorId = `${controlId}-error`;
  const errorList = errors == null ? [] : typeof errors === "string" ? [errors] : errors;
  const hasError = errorList.length > 0;
  const describedBy = [description ? descriptionId : null, hasError ? errorId : null].filter(Boolean).join(" ") || undefined;

  return (
    <div data-slot="form-field" data-invalid={hasError || undefined} className={cn("grid gap-1.5", className)}>
      <Label htmlFor={controlId} className={cn(hasError && "text-destructive")}>
        {label}
        {required && requiredLabel ? (
          <span className="rounded-sm bg-destructive/10 px-1 text-[0.7rem] font-normal text-destructive">{requiredLabel}</span>
        ) : null}
      </Label>
      <Slot.Root
        id={controlId}
        aria-invalid={hasError || undefined}
        aria-describedby={describedBy}
        aria-required={required || undefined}
      >
        {children}
      </Slot.Root>
      {description ? (
        <p id={descriptionId} data-slot="form-field-description" className="text-xs text-muted-foreground">
          {description}
        </p>
      ) : null}
      {hasError ? (
        <div id={errorId} data-slot="form-field-error" className="text-xs font-medium text-destructive">
          {errorList.map((message) => (
            <p key={message}>{message}</p>
          ))}
        </div>
      ) : null}
    </div>
  );
}
