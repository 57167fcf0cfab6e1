/** A failure of the store the user can act on; `message` is plain Chinese, safe to print as is. */
export class StoreError extends Error {
  constructor(
    public readonly code: 'locked' | 'newerSchema' | 'corrupt' | 'missing' | 'badPeriod' | 'writeFailed',
    message: string,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}
