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
          // richColors' default greens and reds miss WCAG AA contrast (4.5:1) on their pale backgrounds.
          "--success-text": "#05612c",
          "--error-text": "#a3121b",
          "--warning-text": "#7a4200",
          "--info-text": "#0b4a8f",
        } as React.CSSProperties
      }
      {...props}
    />
  );
}
