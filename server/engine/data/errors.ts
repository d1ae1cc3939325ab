/**
 * Every data problem is a DataError whose message says what went wrong and where (file, byte
 * offset, CSV line and column), so a run that stops on it needs no debugger to explain itself.
 */
export class DataError extends Error {
  override readonly name = "DataError";

  constructor(
    /** The file (or other place) the problem is in. */
    readonly where: string,
    /** What is wrong, without the place. */
    readonly problem: string,
  ) {
    super(`${where}: ${problem}`);
  }
}
