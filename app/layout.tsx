import type { Metadata } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";

import { SiteHeader } from "@/components/layout/site-header";
import { StyleNonce } from "@/components/layout/style-nonce";
import { getSignedInPerson } from "@/lib/auth/session";

import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Connector credentials", template: "%s · Connector credentials" },
  description: "Connect data sources and destinations to ClickUp with verified, encrypted credentials.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Render every page per request, so each response's scripts carry that response's CSP nonce
  // (set in proxy.ts).
  await connection();
  const person = await getSignedInPerson();
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased dark:bg-slate-950 dark:text-slate-100">
        <StyleNonce />
        <SiteHeader person={person} />
        <main id="main" className="mx-auto w-full max-w-5xl px-4 py-8 sm:px-6">
          {children}
        </main>
      </body>
    </html>
  );
}
