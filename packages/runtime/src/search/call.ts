/**
 * Runs one tool for `call_tool` through the runtime's own pipeline: a server
 * from `createServerFactory` over the tool's toolset, connected in memory for
 * this one call. Argument validation, the tool's time limit and rate limit,
 * output checking, error results and the call log line are therefore the ones a
 * direct call gets, not a copy of them. What the called tool asks of the client
 * (progress, log messages, sampling, elicitation) is passed on to the client of
 * `call_tool`, and cancelling `call_tool` cancels the inner call.
 */
import { z } from 'zod';
import type { CallToolResult, LoggingLevel, ToolContext } from '../definitions.js';
import { Client, InMemoryTransport } from '../sdk-client.js';
import type { ServerFactory } from '../server.js';

/**
 * How long the inner request may take as far as the in-memory client is concerned. The called tool's own
 * time limit (enforced by its server) is what stops it; this only keeps the SDK's 60 s default out of the way.
 */
export const INNER_REQUEST_TIMEOUT_MS = 2 ** 31 - 1;

// Method-only schemas, as the runtime's SdkServer registers them: the SDK client checks the full
// request itself for sampling and elicitation, and the params go on to the outer client unchanged.
const LogMessage = z.looseObject({
  method: z.literal('notifications/message'),
  params: z.looseObject({ level: z.string(), data: z.unknown().optional() }),
});
const Sampling = z.looseObject({ method: z.literal('sampling/createMessage'), params: z.looseObject({}) });
const Elicitation = z.looseObject({ method: z.literal('elicitation/create'), params: z.looseObject({}) });

export async function callThrough(factory: ServerFactory, name: string, args: Record<string, unknown>, context: ToolContext): Promise<CallToolResult> {
  const server = factory.create();
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  const client = new Client({ name: 'toolwright-call-tool', version: '1.0.0' }, { capabilities: { sampling: {}, elicitation: {} } });
  client.setNotificationHandler(LogMessage, (notification) => context.log(notification.params.level as LoggingLevel, notification.params.data));
  client.setRequestHandler(Sampling, (request) => context.sample(request.params as Parameters<ToolContext['sample']>[0]));
  client.setRequestHandler(Elicitation, (request) => context.elicit(request.params as Parameters<ToolContext['elicit']>[0]));
  try {
    await client.connect(clientSide);
    return (await client.callTool({ name, arguments: args }, undefined, {
      signal: context.signal,
      timeout: INNER_REQUEST_TIMEOUT_MS,
      onprogress: (progress) => void context.reportProgress(progress.progress, progress.total, progress.message),
    })) as CallToolResult;
  } finally {
    await client.close();
    await server.close();
  }
}
