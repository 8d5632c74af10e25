import * as React from "react";
import { ChevronDown } from "lucide-react";
import { cn } from "@/lib/utils";
import { controlClassName } from "./input";

/**
 * A styled native <select>: it works without JavaScript, inside GET forms (filters in the URL), and with every
 * screen reader and mobile picker, which is what long lists of stages and prefectures need.
 */
export function Select({ className, children, ...props }: React.ComponentProps<"select">) {
  return (
    <div data-slot="select-wrapper" className="relative">
      <select data-slot="select" className={cn(controlClassName, "appearance-none pr-8", className)} {...props}>
        {children}
      </select>
      <ChevronDown aria-hidden className="pointer-events-none absolute top-1/2 right-2.5 size-4 -translate-y-1/2 text-muted-foreground" />
    </div>
  );
}
