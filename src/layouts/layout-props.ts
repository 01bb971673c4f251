// The props of the page layout, whichever lays the page out: Base.astro, or StarlightBase.astro
// in its place inside a team's Starlight site (the integration resolves one to the other, so
// every page passes the same props to either).
export interface LayoutProps {
  title: string;
  description: string;
  /** Open Graph path of the page, for link previews. */
  path?: string;
  /** A page with a sidebar (packet, guides): the content area is wider. */
  wide?: boolean;
  /** What the page is, for the search's "type" filter (Pagefind). */
  searchType?: string;
  /**
   * The page's sections, for a host's "On this page" (StarlightBase.astro; depth 2 unless given).
   * Base.astro has its own list.
   */
  headings?: { id: string; label: string; depth?: number }[];
}
