"use client";

import { useState } from "react";
import { Menu } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Sheet, SheetContent, SheetDescription, SheetHeader, SheetTitle, SheetTrigger } from "@/components/ui/sheet";
import { SidebarNav, type SidebarNavItem } from "./sidebar-nav";

interface MobileNavProps {
  items: SidebarNavItem[];
  labels: { open: string; title: string; navigation: string; comingSoon: string; organization: string };
}

/** The sidebar in a sheet, for screens too narrow to keep it open. */
export function MobileNav({ items, labels }: MobileNavProps) {
  const [open, setOpen] = useState(false);
  return (
    <Sheet open={open} onOpenChange={setOpen}>
      <SheetTrigger asChild>
        <Button variant="ghost" size="icon" className="lg:hidden" aria-label={labels.open}>
          <Menu aria-hidden />
        </Button>
      </SheetTrigger>
      <SheetContent side="left" className="gap-0 p-0">
        <SheetHeader className="border-b">
          <SheetTitle>{labels.title}</SheetTitle>
          <SheetDescription>{labels.organization}</SheetDescription>
        </SheetHeader>
        <div className="overflow-y-auto">
          <SidebarNav items={items} label={labels.navigation} comingSoonLabel={labels.comingSoon} onNavigate={() => setOpen(false)} />
        </div>
      </SheetContent>
    </Sheet>
  );
}
