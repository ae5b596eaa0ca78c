import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import './globals.css';
import { requestLocale } from '@/lib/i18n/server';
import { LabProvider } from '@/components/LabProvider';

export const metadata: Metadata = {
  title: { default: 'cni-lab', template: '%s · cni-lab' },
  description: 'A local, hands-on lab: what a Kubernetes cluster does without a CNI, on kind or a simulated cluster.',
  referrer: 'no-referrer',
  icons: { icon: '/favicon.svg' },
};

export const viewport: Viewport = {
  colorScheme: 'light dark',
};

// Restores the learner's theme choice before first paint (no flash). Reads localStorage only.
const THEME_SCRIPT = `try{var t=localStorage.getItem('cnilab:theme');if(t==='light'||t==='dark')document.documentElement.dataset.theme=t}catch(e){}`;

export default async function RootLayout({ children }: { children: ReactNode }) {
  // ?lang= is not visible to layouts; pages correct <html lang> on the client (HtmlLang) when it differs.
  const locale = await requestLocale();
  return (
    <html lang={locale} suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />
      </head>
      <body className="min-h-screen bg-bg text-fg">
        <LabProvider>{children}</LabProvider>
      </body>
    </html>
  );
}
