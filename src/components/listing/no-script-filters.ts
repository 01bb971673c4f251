// Filtering without JavaScript: a table's first two filters are also plain links to hidden targets
// placed before the table (#<table>-f<filter>-<position>); site.css hides, under the one that is
// :target, every row whose data-f<filter> does not hold that position. Positions, not values, so
// the stylesheet stays static and names no state or kind. table-tools.ts replaces the links with
// selects when it runs.
export interface TableFilter {
  name: string;
  label: string;
  values: string[];
}

/** Filters and positions the stylesheet has rules for (site.css, "Filtering without JavaScript"). */
const noScriptFilters = 2;
const noScriptPositions = 12;

/** The filters offered as links: the first two, when they have few enough values. */
export function linkFilters(filters: readonly TableFilter[]): { filter: TableFilter; number: number }[] {
  return filters
    .slice(0, noScriptFilters)
    .flatMap((filter, index) =>
      filter.values.length > 0 && filter.values.length <= noScriptPositions ? [{ filter, number: index + 1 }] : [],
    );
}

/** A row's `data-f1`, `data-f2`: the positions (1-based) of its values in each filter. */
export function rowPositions(filters: readonly TableFilter[], row: Record<string, string | readonly string[]>): Record<string, string> {
  const attributes: Record<string, string> = {};
  filters.slice(0, noScriptFilters).forEach((filter, index) => {
    const values = [row[filter.name] ?? []].flat();
    attributes[`data-f${index + 1}`] = values
      .map((value) => filter.values.indexOf(value) + 1)
      .filter((position) => position > 0)
      .join(' ');
  });
  return attributes;
}

export const targetId = (table: string, filter: number, position: number) => `${table}-f${filter}-${position}`;
