// The configured base path, for pages and client scripts (Vite replaces import.meta.env at build).
import { joinBase } from './url.js';

export const BASE: string = import.meta.env.BASE_URL;

export function href(path = ''): string {
  return joinBase(BASE, path);
}
