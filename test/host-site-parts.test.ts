// The parts a team's own site uses, without building one (test/package.test.ts builds real host
// sites from the packed package): the routes the integration injects under a prefix, the
// prefix option, the Starlight plugin's sidebar group and the content-layer loaders.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { EventEmitter } from 'node:events';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { LoaderContext } from 'astro/loaders';
import type { z } from 'astro/zod';
import { describe, expect, it, vi } from 'vitest';
import { injectedRoutes, packetRoutes, starlightLayoutPlugin } from '../src/integration/decision-packet.ts';
import { resolvePrefix } from '../src/integration/packet-options.ts';
import { UsageError } from '../src/core/build-date.ts';
import { sidebarGroup, starlightDecisionPacket } from '../src/starlight/plugin.ts';
import { decisionEvidence, decisionPackets, decisionWorkItems } from '../src/loader/loaders.ts';
import { typeOfSchema } from '../src/loader/entry-types.ts';
import { makeContent } from './helpers/fixtures.ts';

const patterns = (prefix: string, options: Partial<Parameters<typeof injectedRoutes>[1]> = {}) =>
  injectedRoutes(prefix, { host: true, search: true, hostPages: new Set(), ...options }).map((route) => route.pattern);

describe('injected routes', () => {
  it('standalone, at the root: every route of src/routes, as before', () => {
    expect(patterns('', { host: false })).toEqual(packetRoutes().map((route) => route.pattern));
    expect(patterns('', { host: false })).toContain('/404');
  });

  it('under a prefix: every route inside it, the index at the prefix, no /404, the theme script and icon too', () => {
    const routes = patterns('docs/decisions/');
    expect(routes.every((pattern) => pattern === '/docs/decisions' || pattern.startsWith('/docs/decisions/'))).toBe(true);
    expect(routes).toEqual(
      expect.arrayContaining([
        '/docs/decisions',
        '/docs/decisions/packets/[id]',
        '/docs/decisions/theme.js',
        '/docs/decisions/favicon.svg',
      ]),
    );
    expect(routes.some((pattern) => pattern.endsWith('/404'))).toBe(false);
  });

  it("at the root of a host site, leaves out the host's own / and /404", () => {
    const routes = patterns('', { hostPages: new Set(['/', '/404']) });
    expect(routes).not.toContain('/');
    expect(routes).not.toContain('/404');
    expect(routes).toContain('/packets/[id]');
  });

  it('without our own search, no search page', () => {
    expect(patterns('decisions/')).toContain('/decisions/search');
    expect(patterns('decisions/', { search: false })).not.toContain('/decisions/search');
  });
});

describe('the prefix option', () => {
  it('is normalised to segments with a trailing slash; none or / is the root', () => {
    expect(resolvePrefix('decisions')).toBe('decisions/');
    expect(resolvePrefix('/docs/decisions/')).toBe('docs/decisions/');
    expect(resolvePrefix('/')).toBe('');
    expect(resolvePrefix(undefined)).toBe('');
  });

  it('refuses a path that leaves the site or needs escaping (a usage error)', () => {
    for (const bad of ['../x', 'a b', 'a//b', 'x?y']) expect(() => resolvePrefix(bad), bad).toThrow(UsageError);
  });
});

describe('the Starlight plugin', () => {
  it('adds a sidebar group under its prefix after the sidebar the host has, or after every doc when it has none', () => {
    const plugin = starlightDecisionPacket({ content: 'content' });
    const run = (sidebar?: unknown[]) => {
      const calls: { sidebar?: unknown[]; integrations: string[] } = { integrations: [] };
      plugin.hooks['config:setup']({
        config: { sidebar },
        updateConfig: (config) => (calls.sidebar = config.sidebar),
        addIntegration: (integration) => calls.integrations.push(integration.name),
      });
      return calls;
    };
    const group = sidebarGroup('decisions/', 'Decisions');
    expect(group.items.map((item) => item.link)).toEqual([
      '/decisions/',
      '/decisions/work-items/',
      '/decisions/evidence/',
      '/decisions/rules/',
    ]);
    expect(run([{ label: 'Guides', items: [] }])).toEqual({
      sidebar: [{ label: 'Guides', items: [] }, group],
      integrations: ['decision-packet'],
    });
    expect(run().sidebar).toEqual([{ autogenerate: { directory: '' } }, group]);
  });

  it('refuses the root as its prefix (Starlight owns / and /404)', () => {
    expect(() => starlightDecisionPacket({ prefix: '/' })).toThrow(UsageError);
  });
});

/** What a loader is given by Astro's content layer, with a store that keeps what is set. */
function loaderContext(
  root: string,
  schema: z.ZodType,
  dev?: { watcher: EventEmitter & { add: (folder: string) => void }; errors: string[] },
) {
  const entries: { id: string; data: Record<string, unknown>; filePath?: string }[] = [];
  const context = {
    collection: 'decisions',
    store: { clear: () => (entries.length = 0), set: (entry: (typeof entries)[number]) => entries.push(entry) },
    parseData: ({ data }: { data: Record<string, unknown> }) => Promise.resolve(schema.parse(data)),
    generateDigest: () => 'digest',
    config: { root: pathToFileURL(`${root}/`) },
    ...(dev && { watcher: dev.watcher, logger: { error: (message: string) => dev.errors.push(message) } }),
  } as unknown as LoaderContext;
  return { context, entries };
}

/** Astro's dev watcher, as far as the loaders use it: folders added, events emitted by the test. */
function devWatcher() {
  const folders: string[] = [];
  const watcher = Object.assign(new EventEmitter(), { add: (folder: string) => void folders.push(folder) });
  return { watcher, folders, errors: [] as string[] };
}

type DynamicLoader = { load: (context: LoaderContext) => Promise<void>; createSchema: () => Promise<{ schema: z.ZodType; types: string }> };

describe('the content-layer loaders', () => {
  it('store the records, by id, parsed by the schemas compiled from the kinds, and type their entries', async () => {
    const content = makeContent();
    const options = { content, today: '2026-11-24' };
    for (const [factory, id] of [
      [decisionPackets, 'alpha'],
      [decisionWorkItems, 'ALPHA-1'],
      [decisionEvidence, 'alpha-validator'],
    ] as const) {
      const loader = factory(options) as unknown as DynamicLoader;
      const { schema, types } = await loader.createSchema();
      expect(types).toMatch(/^export type Entry = /);
      const { context, entries } = loaderContext(path.dirname(content), schema);
      await loader.load(context);
      expect(entries.map((entry) => entry.id)).toContain(id);
      expect(entries.map((entry) => entry.id)).toEqual([...entries.map((entry) => entry.id)].sort());
      expect(entries.every((entry) => entry.filePath?.startsWith('content/'))).toBe(true);
    }
    const { types } = await (decisionPackets(options) as unknown as DynamicLoader).createSchema();
    expect(types).toContain('"kind": "provider-decision"');
    expect(types).toContain('"decision_status": "not_decided"');
  });

  it("fail closed on invalid content: the gate's rule id and file, never the content value, nothing stored", async () => {
    const content = makeContent();
    const file = path.join(content, 'decisions/alpha.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^decision_status: .*$/m, 'decision_status: zzq-not-a-state'));
    const loader = decisionPackets({ content, today: '2026-11-24' }) as unknown as DynamicLoader;
    const { context, entries } = loaderContext(path.dirname(content), {} as z.ZodType);
    const error = await loader.load(context).then(
      () => undefined,
      (thrown: unknown) => thrown as Error,
    );
    expect(error?.message).toContain('DP201');
    expect(error?.message).toContain('decisions/alpha.yaml');
    expect(error?.message).not.toContain('zzq-not-a-state');
    expect(entries).toEqual([]);
    await expect(loader.createSchema()).rejects.toThrow(/DP201/);
  });
});

describe('the loaders in the dev server', () => {
  it('store the records again after an edit in the content folder, and none while the content breaks a rule', async () => {
    const content = makeContent();
    const file = path.join(content, 'work-items/ALPHA-1.yaml');
    const loader = decisionWorkItems({ content, today: '2026-11-24' }) as unknown as DynamicLoader;
    const { schema } = await loader.createSchema();
    const dev = devWatcher();
    const { context, entries } = loaderContext(path.dirname(content), schema, dev);
    await loader.load(context);
    expect(dev.folders).toEqual([content]);
    const title = () => entries.find((entry) => entry.id === 'ALPHA-1')?.data.title;
    expect(title()).toBe('Alpha admission authority');

    writeFileSync(file, readFileSync(file, 'utf8').replace(/^title: .*$/m, 'title: Alpha admission, renamed'));
    dev.watcher.emit('all', 'change', file);
    // Each reload is a whole validation (secret engine included): seconds on a busy machine.
    const settled = { timeout: 60_000, interval: 50 };
    await vi.waitFor(() => {
      expect(title()).toBe('Alpha admission, renamed');
    }, settled);

    // An edit outside the content folder changes nothing; one that breaks a rule empties the collection.
    dev.watcher.emit('all', 'change', path.join(path.dirname(content), 'elsewhere.yaml'));
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^status: .*$/m, 'status: zzq-not-a-status'));
    dev.watcher.emit('all', 'change', file);
    await vi.waitFor(() => {
      expect(entries).toEqual([]);
    }, settled);
    expect(dev.errors.join('\n')).toContain('DP207');
    expect(dev.errors.join('\n')).toContain('work-items/ALPHA-1.yaml');
    expect(dev.errors.join('\n')).not.toContain('zzq-not-a-status');
  });

  it('reload on the watcher of a restarted dev server too (an edited config hands the loaders a new one)', async () => {
    const content = makeContent();
    const file = path.join(content, 'work-items/ALPHA-1.yaml');
    const loader = decisionWorkItems({ content, today: '2026-11-24' }) as unknown as DynamicLoader;
    const { schema } = await loader.createSchema();
    await loader.load(loaderContext(path.dirname(content), schema, devWatcher()).context);
    const restarted = devWatcher();
    const { context, entries } = loaderContext(path.dirname(content), schema, restarted);
    await loader.load(context);
    expect(restarted.folders).toEqual([content]);
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^title: .*$/m, 'title: After the restart'));
    restarted.watcher.emit('all', 'change', file);
    await vi.waitFor(
      () => {
        expect(entries.find((entry) => entry.id === 'ALPHA-1')?.data.title).toBe('After the restart');
      },
      { timeout: 60_000, interval: 50 },
    );
  });
});

describe('entry types from JSON Schema', () => {
  it('writes objects, literals, unions and arrays; anything else is unknown', () => {
    expect(
      typeOfSchema({
        type: 'object',
        properties: { kind: { const: 'k' }, tags: { type: 'array', items: { type: 'string' } }, state: { enum: ['a', 'b'] } },
        required: ['kind'],
        additionalProperties: false,
      }),
    ).toBe('{ "kind": "k"; "tags"?: Array<string>; "state"?: "a" | "b"; }');
    expect(typeOfSchema({ anyOf: [{ type: 'number' }, { type: 'null' }] })).toBe('(number | null)');
    expect(typeOfSchema({})).toBe('unknown');
  });
});

/** Every module a file imports statically, transitively within src/, and the packages they name. */
function staticImports(file: string, seen = new Set<string>(), packages = new Set<string>()): Set<string> {
  if (seen.has(file)) return packages;
  seen.add(file);
  // Static imports only (`import … from`, `export … from`, `import '…'`); `import type` is erased.
  for (const match of readFileSync(file, 'utf8').matchAll(/^(?:import|export)(?! type)[^'";]*?['"]([^'"]+)['"]/gm)) {
    const specifier = match[1]!;
    const local = path.resolve(path.dirname(file), specifier);
    if (specifier.startsWith('.')) {
      if (existsSync(local) && statSync(local).isFile()) staticImports(local, seen, packages);
    } else packages.add(specifier);
  }
  return packages;
}

describe('public APIs only', () => {
  it('the loaders, the Starlight plugin and its layout import no private module of Astro, Starlight or Pagefind', () => {
    const src = path.join(import.meta.dirname, '../src');
    for (const entry of ['loader/loaders.ts', 'starlight/plugin.ts', 'layouts/StarlightBase.astro', 'layouts/StarlightGuide.astro']) {
      const packages = [...staticImports(path.join(src, entry))];
      expect(
        packages.filter((name) => /^astro\/runtime\/|^@astrojs\/starlight\/(?!components\/|loaders$|schema$)|^pagefind\//.test(name)),
        entry,
      ).toEqual([]);
    }
  });
});

describe('inside a Starlight site, the host shows the title and the table of contents', () => {
  const src = path.join(import.meta.dirname, '../src');
  const resolve = (source: string, importer: string) => starlightLayoutPlugin().resolveId(source, path.join(src, importer));

  it('resolves our layouts, page title and "On this page" to their stand-ins, and nothing else', () => {
    expect(resolve('../../../layouts/Base.astro', 'routes/packets/[id]/index.astro')).toBe(path.join(src, 'layouts/StarlightBase.astro'));
    expect(resolve('../../layouts/Guide.astro', 'routes/rules/index.mdx')).toBe(path.join(src, 'layouts/StarlightGuide.astro'));
    expect(resolve('../PageTitle.astro', 'components/pages/WorkItem.astro')).toBe(path.join(src, 'layouts/HostOwned.astro'));
    expect(resolve('../packet/OnThisPage.astro', 'components/pages/PacketPage.astro')).toBe(path.join(src, 'layouts/HostOwned.astro'));
    expect(resolve('../packet/StateHeader.astro', 'components/pages/PacketPage.astro')).toBeNull();
    expect(resolve('./Base.astro', 'elsewhere/Base.astro')).toBeNull();
    expect(readFileSync(path.join(src, 'layouts/HostOwned.astro'), 'utf8')).not.toMatch(/<[a-z]/);
  });

  it('every page title goes through PageTitle: no other h1 in our components, routes or guides', () => {
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
        entry.isDirectory() ? files(path.join(dir, entry.name)) : [path.join(dir, entry.name)],
      );
    const pages = [...files(src), ...files(path.join(src, '../guides'))].filter((file) => /\.(astro|mdx)$/.test(file));
    const withTitle = pages.filter((file) => {
      const text = readFileSync(file, 'utf8').replace(/^```[^]*?^```/gm, '');
      return /<h1[ >]/.test(text) || /^# /m.test(text);
    });
    expect(withTitle.map((file) => path.relative(src, file))).toEqual(['components/PageTitle.astro']);
  });
});
