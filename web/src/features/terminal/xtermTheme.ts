/** xterm colours matching the console's light and dark palettes (app.css), and the scheme the app follows. */
import { useEffect, useState } from 'react';
import type { ITheme } from '@xterm/xterm';

export const LIGHT_THEME: ITheme = {
  background: '#ffffff',
  foreground: '#1f2328',
  cursor: '#1f2328',
  cursorAccent: '#ffffff',
  selectionBackground: '#b6d4fe',
  black: '#1f2328',
  red: '#c62828',
  green: '#2e7d32',
  yellow: '#8d6e00',
  blue: '#1565c0',
  magenta: '#8e24aa',
  cyan: '#00838f',
  white: '#d0d7de',
};

export const DARK_THEME: ITheme = {
  background: '#0b0e13',
  foreground: '#e6e8eb',
  cursor: '#e6e8eb',
  cursorAccent: '#0b0e13',
  selectionBackground: '#264f78',
  black: '#1c2128',
  red: '#f47067',
  green: '#6bc46d',
  yellow: '#e0b83e',
  blue: '#6cb6ff',
  magenta: '#dcbdfb',
  cyan: '#56d4dd',
  white: '#e6e8eb',
};

const QUERY = '(prefers-color-scheme: dark)';

/** True while the system (and so the app, which follows it) is in dark mode. */
export function usePrefersDark(): boolean {
  const [dark, setDark] = useState(() => typeof matchMedia === 'function' && matchMedia(QUERY).matches);
  useEffect(() => {
    if (typeof matchMedia !== 'function') return;
    const mq = matchMedia(QUERY);
    const onChange = () => setDark(mq.matches);
    mq.addEventListener('change', onChange);
    return () => mq.removeEventListener('change', onChange);
  }, []);
  return dark;
}
