import type { Metadata, Viewport } from 'next'
import type { ReactNode } from 'react'
import './globals.css'

export const metadata: Metadata = {
  title: 'Launch Control',
  description: 'Live launch-day metrics, alerts and notifications.',
}

export const viewport: Viewport = { themeColor: '#0f172a' }

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  )
}
