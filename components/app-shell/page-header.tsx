import { cn } from "@/lib/utils";

interface PageHeaderProps {
  title: React.ReactNode;
  description?: React.ReactNode;
  /** Buttons or links at the right of the title. */
  actions?: React.ReactNode;
  className?: string;
  /** Extra attributes for the heading, e.g. an id for aria-labelledby. */
  titleId?: string;
}

/** Every page's one <h1>, with an optional line of context below it. */
export function PageHeader({ title, description, actions, className, titleId }: PageHeaderProps) {
  return (
    <div className={cn("mb-6 flex flex-wrap items-end justify-between gap-3", className)}>
      <div className="min-w-0">
        <h1 id={titleId} className="text-xl font-semibold tracking-tight sm:text-2xl">
          {title}
        </h1>
        {description ? <p className="mt-1 text-sm text-muted-foreground">{description}</p> : null}
      </div>
      {actions ? <div className="flex flex-wrap items-center gap-2">{actions}</div> : null}
    </div>
  );
}
