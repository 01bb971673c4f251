// What a reader sees of a built page, for assertions on page text.

/** Visible text of an HTML page, tags removed and entities of the common kind decoded. */
export function pageText(html: string): string {
  return (
    html
      .replace(/<script[\s\S]*?<\/script>/g, ' ')
      .replace(/<style[\s\S]*?<\/style>/g, ' ')
      .replace(/<[^>]+>/g, ' ')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&')
      .replace(/\s+/g, ' ')
      // Inline tags left a space before punctuation: "<code>x</code>," reads "x,".
      .replace(/ ([,.;:])/g, '$1')
  );
}
