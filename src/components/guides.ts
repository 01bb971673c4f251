// The guides in reading order: the sidebar and the previous/next links follow it.
export const guides: readonly { path: string; title: string }[] = [
  { path: 'guides/', title: 'Overview' },
  { path: 'guides/writing-a-packet/', title: 'Writing a packet' },
  { path: 'rules/', title: 'Rules reference' },
  { path: 'guides/ci/', title: 'Using it in CI' },
];
