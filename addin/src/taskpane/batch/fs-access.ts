// The File System Access API as far as the page uses it (Chromium's showDirectoryPicker and directory
// handles; not in TypeScript's DOM library yet). Absent elsewhere: the page then falls back to
// <input webkitdirectory>, multiple files or a .zip, and to downloading the outputs as one .zip.

export interface DirHandle {
  kind: 'directory';
  name: string;
  values(): AsyncIterable<DirHandle | FileHandle>;
  getDirectoryHandle(name: string, opts?: { create?: boolean }): Promise<DirHandle>;
  getFileHandle(name: string, opts?: { create?: boolean }): Promise<FileHandle>;
  removeEntry(name: string): Promise<void>;
  resolve(other: DirHandle | FileHandle): Promise<string[] | null>;
  isSameEntry(other: DirHandle | FileHandle): Promise<boolean>;
}

export interface FileHandle {
  kind: 'file';
  name: string;
  getFile(): Promise<File>;
  createWritable(): Promise<{ write(data: BufferSource | Blob): Promise<void>; close(): Promise<void> }>;
}

type Picker = (opts?: { id?: string; mode?: 'read' | 'readwrite' }) => Promise<DirHandle>;

/** The browser's directory picker, or null where there is none. */
export function directoryPicker(): Picker | null {
  const w = globalThis as unknown as { showDirectoryPicker?: Picker };
  return typeof w.showDirectoryPicker === 'function' ? w.showDirectoryPicker.bind(globalThis) : null;
}

/** The user closed the picker without choosing: not an error to report. */
export function isAbort(err: unknown): boolean {
  return (err as { name?: string } | null)?.name === 'AbortError';
}
