/** One versioned schema change: applied once, in a transaction, and never edited afterwards. */
export interface Migration {
  /** Sortable, unique: "0001", "0002", ... */
  version: string;
  /** snake_case summary, recorded next to the version. */
  name: string;
  /** One or more statements without parameters. */
  sql: string;
}
