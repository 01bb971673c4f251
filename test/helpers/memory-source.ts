// A content folder held in memory, as a FileSource for readContent (src/reader/read-content.ts):
// the reader runs exactly as on disk, without touching the file system.
import path from 'node:path';
import type { FileSource, SourceEntry } from '../../src/reader/read-content.ts';

interface Node {
  entry: SourceEntry;
  children?: SourceEntry[];
  bytes?: Uint8Array;
}

const entryOf = (name: string, dir: boolean): SourceEntry => ({
  name,
  isFile: () => !dir,
  isDirectory: () => dir,
  isSymbolicLink: () => false,
});

/**
 * `files` maps paths inside the content folder (`decisions/alpha.yaml`, POSIX separators) to
 * their text or bytes; `contentDir` is the absolute path the folder pretends to live at.
 */
export function memorySource(files: ReadonlyMap<string, string | Uint8Array>, contentDir: string): FileSource {
  const nodes = new Map<string, Node>([[contentDir, { entry: entryOf(path.basename(contentDir), true), children: [] }]]);
  const encoder = new TextEncoder();
  for (const [relative, content] of files) {
    let dir = contentDir;
    const parts = relative.split('/');
    for (const [index, name] of parts.entries()) {
      const absolute = `${dir}${path.sep}${name}`;
      const isFile = index === parts.length - 1;
      if (!nodes.has(absolute)) {
        const node: Node = { entry: entryOf(name, !isFile) };
        if (isFile) node.bytes = typeof content === 'string' ? encoder.encode(content) : content;
        else node.children = [];
        nodes.set(absolute, node);
        nodes.get(dir)!.children!.push(node.entry);
      }
      dir = absolute;
    }
  }
  return {
    root: (dir) => (nodes.get(dir)?.children ? dir : undefined),
    list: (dir) => [...(nodes.get(dir)?.children ?? [])],
    followLink: () => ({ refused: 'An in-memory content folder has no symbolic links.' }),
    read(file) {
      const bytes = nodes.get(file)?.bytes;
      if (bytes === undefined) throw new Error(`No in-memory file ${file}`);
      return bytes;
    },
  };
}
