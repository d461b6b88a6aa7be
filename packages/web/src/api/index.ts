import { ApiClient } from './client.ts';
import { endpoints } from './endpoints.ts';

/** The app's single client and its typed routes. */
export const client = new ApiClient();
export const api = endpoints(client);

export { ApiError } from './problem.ts';
export type { FieldProblem } from './problem.ts';
export type * from './types.ts';
