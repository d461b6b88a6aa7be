import { AppError, toAppError } from '@onconet/services/errors';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';

interface AjvError {
  instancePath?: string;
  keyword?: string;
  message?: string;
  params?: { missingProperty?: string; additionalProperty?: string };
}

/** Ajv's "/identifiers/0/value" becomes the field name clients put their message on. */
function fieldOf(error: AjvError, context: string | undefined): string {
  const path = (error.instancePath ?? '').replace(/^\//, '');
  const extra = error.params?.missingProperty ?? error.params?.additionalProperty;
  const field = [path, extra].filter(Boolean).join('/');
  return field || context || 'body';
}

function fromFastify(error: FastifyError & { validation?: AjvError[]; validationContext?: string }): AppError | null {
  if (error.validation) {
    const errors = error.validation.map((v) => {
      const field = fieldOf(v, error.validationContext);
      const detail = v.keyword === 'additionalProperties' ? 'is not a known field' : (v.message ?? 'is invalid');
      return { field, code: v.keyword ?? 'invalid', message: `${field}: ${detail}` };
    });
    return new AppError('validation', errors.map((e) => e.message).join('; '), errors);
  }
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('payload_too_large', 'the request body is too large');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('unsupported_media_type', 'send application/json');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError('validation', 'the body is not valid JSON', [{ field: 'body', code: 'json', message: 'body: is not valid JSON' }]);
    default:
      break;
  }
  if (error instanceof SyntaxError || error.statusCode === 400) {
    return new AppError('validation', 'the request is malformed', [{ field: 'body', code: 'malformed', message: `body: ${error.message}` }]);
  }
  return null;
}

/** RFC 9457 problem details of an error; a 5xx never reveals internals, and is logged with its cause. */
export function problemOf(error: unknown, request: FastifyRequest) {
  const appError = fromFastify(error as FastifyError) ?? toAppError(error);
  if (appError.status >= 500) request.log.error({ err: appError.cause ?? appError }, 'request failed');
  return {
    type: `https://onconet.example/problems/${appError.code}`,
    title: appError.code.replace(/_/g, ' '),
    status: appError.status,
    detail: appError.status >= 500 ? 'internal error' : appError.message,
    code: appError.code,
    instance: request.url.split('?')[0],
    ...(appError.errors.length > 0 ? { errors: appError.errors } : {}),
  };
}

export function sendProblem(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const problem = problemOf(error, request);
  return reply.status(problem.status).type('application/problem+json').send(problem);
}
