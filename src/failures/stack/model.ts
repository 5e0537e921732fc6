/** One frame of a stack trace, in whichever runtime's format it was printed. */
export interface StackFrame {
  /** As printed: a path, a `file://` URL, `node:internal/...`, or for JVM frames the package path (`com/acme/Foo.java`). */
  file: string;
  line?: number;
  column?: number;
  fn?: string;
  format: 'v8' | 'python' | 'jvm';
  /** True for runtime-internal frames (`node:internal/...`, `<frozen ...>`, `java.base`, native). */
  internal: boolean;
}

/** A frame with the repository file it points at, when it points inside the repository. */
export type RepoStackFrame = StackFrame & {
  /** Repo-relative posix path. */
  repoFile?: string;
};

export interface MapFramesToRepoOptions {
  /** Absolute path of the repository root, as the paths in the frames would spell it. */
  root: string;
  /** The repository's files, repo-relative posix paths. */
  files: readonly string[];
}
