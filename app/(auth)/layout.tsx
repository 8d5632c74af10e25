import { LanguageSwitch } from "@/components/app-shell/language-switch";

/** Pages for signed-out visitors: no navigation, only the language switch. */
export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="flex min-h-dvh flex-col bg-muted/40">
      <header className="flex justify-end p-3">
        <LanguageSwitch />
      </header>
      <main id="main" className="flex flex-1 items-start justify-center px-4 pt-[8vh] pb-16">
        {children}
      </main>
    </div>
  );
}
