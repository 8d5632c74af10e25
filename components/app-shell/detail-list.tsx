import { cn } from "@/lib/utils";

/** A definition list of label/value pairs, two columns on wide screens: the profile blocks of detail pages. */
export function DetailList({ items, className }: { items: { label: string; value: React.ReactNode }[]; className?: string }) {
  return (
    <dl className={cn("grid gap-x-6 gap-y-3 sm:grid-cols-2", className)}>
      {items.map((item) => (
        <div key={item.label} className="grid gap-0.5">
          <dt className="text-xs text-muted-foreground">{item.label}</dt>
          <dd className="text-sm break-words">{item.value ?? "—"}</dd>
        </div>
      ))}
    </dl>
  );
}
