/**
 * The query strings this tab asked for that the page may not show yet. The router renders a
 * navigation a little later (in a transition), so a second change made before that render
 * must build on the first one, not on the URL on screen; otherwise it quietly undoes it (the
 * sort clicked, then the filter typed on a 10,000-row list: the sort was gone).
 */
export class PendingSearch {
  private path: string | undefined;
  /** The rendered search the first unshown change was made on. */
  private from = '';
  private asked: string[] = [];

  /** The search a change on `path` should build on, given the one rendered there. */
  base(path: string, rendered: string): string {
    if (this.path !== path) return rendered;
    const shown = this.asked.lastIndexOf(rendered);
    if (shown === this.asked.length - 1) {
      this.forget();
      return rendered;
    }
    if (shown >= 0 || rendered === this.from) return this.asked[this.asked.length - 1];
    // Something else moved the page (Back, a link): what we asked for is history now.
    this.forget();
    return rendered;
  }

  /** Records a change asked for on `path`, made on `base(path, rendered)`. */
  record(path: string, rendered: string, next: string): void {
    if (this.path !== path || this.asked.length === 0) {
      this.path = path;
      this.from = rendered;
      this.asked = [];
    }
    this.asked.push(next);
  }

  private forget(): void {
    this.path = undefined;
    this.asked = [];
  }
}

/** One per tab: there is one router. */
export const pendingSearch = new PendingSearch();
