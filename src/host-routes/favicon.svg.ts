// The packets' icon at their root in a host site, whose public/ folder is its own.
import type { APIRoute } from 'astro';
import icon from '../../public/favicon.svg?raw';

export const GET: APIRoute = () => new Response(icon, { headers: { 'Content-Type': 'image/svg+xml' } });
