"use server";

import { invokeAction } from "@/lib/auth/invoke-action";
import { savePdcaNote } from "@/lib/kpi/save-pdca-note";
import { setKpiTarget } from "@/lib/kpi/set-kpi-target";

// Public endpoints: authentication, permission, scope and validation all happen in runAction and the handlers.

export async function setKpiTargetAction(_previous: unknown, formData: FormData) {
  return invokeAction(setKpiTarget, formData);
}

export async function savePdcaNoteAction(_previous: unknown, formData: FormData) {
  return invokeAction(savePdcaNote, formData);
}
