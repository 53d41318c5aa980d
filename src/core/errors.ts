/**
 * Coded errors. Each has a stable `code` (scripts match on it), an exit code for the CLI and
 * an HTTP status for the server. Messages say what, where and what to do, on one line.
 */
export type VigieErrorCode =
  | 'VIGIE_ERR_USAGE'
  | 'VIGIE_ERR_FILE_NOT_FOUND'
  | 'VIGIE_ERR_FILE_UNREADABLE'
  | 'VIGIE_ERR_LOG_FORMAT'
  | 'VIGIE_ERR_STORE'
  | 'VIGIE_ERR_STORE_SCHEMA'
  | 'VIGIE_ERR_CONFIG'
  | 'VIGIE_ERR_GEO_DATA'
  | 'VIGIE_ERR_HTTP_INVALID'
  | 'VIGIE_ERR_HTTP_AUTH'
  | 'VIGIE_ERR_HTTP_FORBIDDEN'
  | 'VIGIE_ERR_HTTP_NOT_FOUND'
  | 'VIGIE_ERR_HTTP_TOO_LARGE'
  | 'VIGIE_ERR_HTTP_RATE_LIMITED'
  | 'VIGIE_ERR_HTTP_BUSY'
  | 'VIGIE_ERR_LISTEN'
  | 'VIGIE_ERR_TIPS_KEY'
  | 'VIGIE_ERR_NATS';

const EXIT_CODES: Record<VigieErrorCode, number> = {
  VIGIE_ERR_USAGE: 2,
  VIGIE_ERR_FILE_NOT_FOUND: 3,
  VIGIE_ERR_FILE_UNREADABLE: 3,
  VIGIE_ERR_LOG_FORMAT: 4,
  VIGIE_ERR_STORE: 5,
  VIGIE_ERR_STORE_SCHEMA: 5,
  VIGIE_ERR_CONFIG: 2,
  VIGIE_ERR_GEO_DATA: 4,
  VIGIE_ERR_HTTP_INVALID: 2,
  VIGIE_ERR_HTTP_AUTH: 2,
  VIGIE_ERR_HTTP_FORBIDDEN: 2,
  VIGIE_ERR_HTTP_NOT_FOUND: 2,
  VIGIE_ERR_HTTP_TOO_LARGE: 2,
  VIGIE_ERR_HTTP_RATE_LIMITED: 2,
  VIGIE_ERR_HTTP_BUSY: 2,
  VIGIE_ERR_LISTEN: 6,
  VIGIE_ERR_TIPS_KEY: 2,
  VIGIE_ERR_NATS: 7,
};

const HTTP_STATUS: Record<VigieErrorCode, number> = {
  VIGIE_ERR_USAGE: 400,
  VIGIE_ERR_FILE_NOT_FOUND: 404,
  VIGIE_ERR_FILE_UNREADABLE: 400,
  VIGIE_ERR_LOG_FORMAT: 400,
  VIGIE_ERR_STORE: 500,
  VIGIE_ERR_STORE_SCHEMA: 500,
  VIGIE_ERR_CONFIG: 400,
  VIGIE_ERR_GEO_DATA: 400,
  VIGIE_ERR_HTTP_INVALID: 400,
  VIGIE_ERR_HTTP_AUTH: 401,
  VIGIE_ERR_HTTP_FORBIDDEN: 403,
  VIGIE_ERR_HTTP_NOT_FOUND: 404,
  VIGIE_ERR_HTTP_TOO_LARGE: 413,
  VIGIE_ERR_HTTP_RATE_LIMITED: 429,
  VIGIE_ERR_HTTP_BUSY: 503,
  VIGIE_ERR_LISTEN: 500,
  VIGIE_ERR_TIPS_KEY: 403,
  VIGIE_ERR_NATS: 503,
};

/**
 * @example
 * throw new VigieError('VIGIE_ERR_FILE_NOT_FOUND', 'access.log: no such file; check the path');
 */
export class VigieError extends Error {
  readonly code: VigieErrorCode;
  readonly exitCode: number;
  readonly httpStatus: number;

  constructor(code: VigieErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'VigieError';
    this.code = code;
    this.exitCode = EXIT_CODES[code];
    this.httpStatus = HTTP_STATUS[code];
  }
}

export function isVigieError(err: unknown): err is VigieError {
  return err instanceof VigieError;
}
