/**
 * The one error type of the service: a stable `code`, the HTTP status it maps to and a message
 * that tells the caller what to do. The app's single `onError` turns it into `{error: {code, message}}`.
 */

export type ServiceErrorCode =
  | 'BAD_REQUEST'
  | 'INVALID_JSON'
  | 'INVALID_FIELD'
  | 'CORRUPT_PDF'
  | 'EMPTY_DOCUMENT'
  | 'NOT_FOUND'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'NOT_READY'
  | 'FAULT_INJECTED'
  | 'INTERNAL';

const STATUS: Record<ServiceErrorCode, 400 | 404 | 413 | 415 | 500 | 503> = {
  BAD_REQUEST: 400,
  INVALID_JSON: 400,
  INVALID_FIELD: 400,
  CORRUPT_PDF: 400,
  EMPTY_DOCUMENT: 400,
  NOT_FOUND: 404,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  NOT_READY: 503,
  FAULT_INJECTED: 500,
  INTERNAL: 500,
};

export class ServiceError extends Error {
  override readonly name = 'ServiceError';
  readonly code: ServiceErrorCode;

  constructor(code: ServiceErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }

  /** The HTTP status this error is answered with. */
  get status(): 400 | 404 | 413 | 415 | 500 | 503 {
    return STATUS[this.code];
  }
}

/** The JSON body of every error response. */
export interface ErrorBody {
  error: { code: ServiceErrorCode; message: string };
}

/** Builds the one error shape; unknown errors never expose their stack or internals. */
export function toErrorBody(error: ServiceError): ErrorBody {
  return { error: { code: error.code, message: error.message } };
}
