import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getActor } from "@/lib/auth/session";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { SignInForm } from "./_components/sign-in-form";
import { safeCallbackUrl } from "./callback-url";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth.signIn");
  return { title: t("title") };
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string | string[] }> }) {
  const { callbackUrl } = await searchParams;
  // The actor, not the cookie: a deactivated user with a valid cookie stays here instead of looping.
  if (await getActor()) redirect(safeCallbackUrl(callbackUrl));
  const t = await getTranslations();

  return (
    <div className="w-full max-w-sm">
      <div className="mb-6 text-center">
        <p className="text-2xl font-bold tracking-tight text-primary">{t("meta.appNameFull")}</p>
        <p className="mt-2 text-sm text-muted-foreground">{t("meta.tagline")}</p>
      </div>
      <Card>
        <CardHeader>
          <h1 className="text-lg font-semibold">{t("auth.signIn.title")}</h1>
        </CardHeader>
        <CardContent>
          {/* Only a same-site relative path travels on; anything else is dropped here and again in the action. */}
          <SignInForm callbackUrl={typeof callbackUrl === "string" ? safeCallbackUrl(callbackUrl) : null} />
        </CardContent>
      </Card>
      <p className="mt-4 text-center text-xs text-muted-foreground">{t("auth.signIn.help")}</p>
    </div>
  );
}
