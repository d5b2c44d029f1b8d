// The web app manifest (served at /manifest.webmanifest): name, brand colour and icons, so the
// app installs on phones and desktops and opens in its own window.
import type { MetadataRoute } from 'next';

export default function manifest(): MetadataRoute.Manifest {
  return {
    id: '/',
    name: 'Zatten Chat',
    short_name: 'Zatten',
    description: 'Chats with AI assistants, in sync across your devices.',
    start_url: '/',
    scope: '/',
    display: 'standalone',
    background_color: '#fcfcfd',
    theme_color: '#4f46e5',
    icons: [
      { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
      { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
  };
}
