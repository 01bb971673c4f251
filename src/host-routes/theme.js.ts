// The theme script at the packets' root in a host site, whose public/ folder is its own (the
// standalone site serves it from the package's public/ folder).
import type { APIRoute } from 'astro';
import theme from '../../public/theme.js?raw';

export const GET: APIRoute = () => new Response(theme, { headers: { 'Content-Type': 'text/javascript; charset=utf-8' } });
