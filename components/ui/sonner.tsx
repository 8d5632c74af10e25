"use client";

import { Toaster as Sonner, type ToasterProps } from "sonner";

/** The app's one toast outlet; call `toast()` from "sonner" anywhere on the client. */
export function Toaster(props: ToasterProps) {
  return (
    <Sonner
      position="top-right"
      richColors
      closeButton
      toastOptions={{ classNames: { toast: "font-sans text-sm" } }}
      style={
        {
          "--normal-bg": "var(--popover)",
          "--normal-text": "var(--popover-foreground)",
          "--normal-border": "var(--border)",
        } as React.CSSProperties
      }
      {...props}
    />
  );
}
