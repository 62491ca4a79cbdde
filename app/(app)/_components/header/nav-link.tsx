"use client";

import { Link } from "~/app/_components/link";
import { usePathname } from "next/navigation";
import { useEffect, type ReactNode } from "react";

/** A link of the header that marks the section the reader is in (aria-current). */
export function NavLink({ href, className, children }: { href: string; className: string; children: ReactNode }) {
  const pathname = usePathname();
  const current = href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`);
  return (
    <Link href={href} className={className} aria-current={current ? "page" : undefined}>
      {children}
    </Link>
  );
}

/**
 * The header's menus are <details> elements, so they open and close without JavaScript. With it,
 * they also behave as people expect of a menu: one open at a time, closed by Escape, by a click
 * elsewhere and after following one of their links (the layout, and so the open menu, outlives a
 * client-side navigation).
 */
export function MenuBehaviour() {
  useEffect(() => {
    const menus = () => [...document.querySelectorAll<HTMLDetailsElement>("details[data-menu][open]")];
    const onClick = (event: MouseEvent) => {
      const target = event.target instanceof Element ? event.target : null;
      const inside = target?.closest("details[data-menu]");
      const followed = Boolean(inside && target?.closest("a"));
      for (const menu of menus()) if (menu !== inside || followed) menu.open = false;
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      for (const menu of menus()) {
        menu.open = false;
        menu.querySelector("summary")?.focus();
      }
    };
    document.addEventListener("click", onClick);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("click", onClick);
      document.removeEventListener("keydown", onKey);
    };
  }, []);
  return null;
}
