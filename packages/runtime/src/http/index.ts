/** The upstream HTTP client for generated OpenAPI tools: public surface. */
export { createHttpApi } from './client.js';
export { type MockReply, type MockUpstream, type MockUpstreamOptions, type RecordedRequest, startMockUpstream } from './mock-upstream.js';
export { type BuildPathOptions, buildPath } from './path.js';
export { capResult, DEFAULT_MAX_RESULT_TOKENS, nextPage, type ResponseShape, shapeBody } from './shape.js';
export type { HttpApi, HttpApiOptions, HttpBody, HttpCallContext, HttpMethod, HttpOperation, HttpParameter, HttpParameterStyle, HttpProfile } from './types.js';
