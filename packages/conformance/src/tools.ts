/**
 * The conformance fixture's tools: one function per tool the server scenarios
 * of `@modelcontextprotocol/conformance` call, named as the suite expects
 * (`testSimpleText` → `test_simple_text`). Functions that talk back to the
 * client (log, progress, sampling, elicitation) take the runtime's
 * `ToolContext` as their last parameter; it is not a tool argument. Functions
 * that return several or non-text content blocks return a `ToolResult`.
 *
 * `npx toolwright build packages/conformance` generates generated/conformance;
 * `npx toolwright serve conformance --transport http` serves it.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { type ToolContext, ToolError, type ToolResult, toolResult } from '@toolwright/runtime';
import { RED_PIXEL_PNG_BASE64, toBase64, toneWav } from './media.js';

/**
 * Returns a fixed sentence as plain text. The simplest possible tool.
 *
 * @readOnly
 * @idempotent
 */
export function testSimpleText(): string {
  return 'This is a simple text response for testing.';
}

/**
 * Returns a 1×1 red PNG as image content.
 *
 * @readOnly
 * @idempotent
 */
export function testImageContent(): ToolResult {
  return toolResult({ content: [{ type: 'image', data: RED_PIXEL_PNG_BASE64, mimeType: 'image/png' }] });
}

/**
 * Returns a 100 ms 440 Hz tone as WAV audio content.
 *
 * @readOnly
 * @idempotent
 */
export function testAudioContent(): ToolResult {
  return toolResult({ content: [{ type: 'audio', data: toBase64(toneWav()), mimeType: 'audio/wav' }] });
}

/**
 * Returns a text resource embedded in the result.
 *
 * @readOnly
 * @idempotent
 */
export function testEmbeddedResource(): ToolResult {
  return toolResult({
    content: [{ type: 'resource', resource: { uri: 'test://embedded-resource', mimeType: 'text/plain', text: 'This is an embedded resource content.' } }],
  });
}

/**
 * Returns text, an image and an embedded JSON resource in one result.
 *
 * @readOnly
 * @idempotent
 */
export function testMultipleContentTypes(): ToolResult {
  return toolResult({
    content: [
      { type: 'text', text: 'Multiple content types test:' },
      { type: 'image', data: RED_PIXEL_PNG_BASE64, mimeType: 'image/png' },
      {
        type: 'resource',
        resource: { uri: 'test://mixed-content-resource', mimeType: 'application/json', text: JSON.stringify({ test: 'data', value: 123 }) },
      },
    ],
  });
}

/**
 * Sends three info log messages to the client, about 50 ms apart, then
 * confirms it ran.
 *
 * @readOnly
 */
export async function testToolWithLogging(context: ToolContext): Promise<string> {
  await context.log('info', 'Tool execution started');
  await sleep(50, undefined, { signal: context.signal });
  await context.log('info', 'Tool processing data');
  await sleep(50, undefined, { signal: context.signal });
  await context.log('info', 'Tool execution completed');
  return 'Tool with logging executed successfully.';
}

/**
 * Reports progress 0, 50 and 100 of 100, about 50 ms apart, to a client that
 * sent a progress token.
 *
 * @readOnly
 */
export async function testToolWithProgress(context: ToolContext): Promise<string> {
  await context.reportProgress(0, 100, 'Started');
  await sleep(50, undefined, { signal: context.signal });
  await context.reportProgress(50, 100, 'Half way');
  await sleep(50, undefined, { signal: context.signal });
  await context.reportProgress(100, 100, 'Done');
  return 'Tool with progress executed successfully.';
}

/**
 * Always fails, to show how a tool error reaches the model: an `isError`
 * result whose text is the error's message.
 *
 * @readOnly
 */
export function testErrorHandling(): never {
  throw new ToolError('internal_error', 'This tool intentionally returns an error for testing');
}

/**
 * Asks the client's model to answer a prompt (`sampling/createMessage`) and
 * returns its answer.
 *
 * @param prompt The prompt to send to the model.
 */
export async function testSampling(prompt: string, context: ToolContext): Promise<string> {
  const result = await context.sample({ messages: [{ role: 'user', content: { type: 'text', text: prompt } }], maxTokens: 100 });
  const answer = result.content.type === 'text' ? result.content.text : `[${result.content.type} content]`;
  return `LLM response: ${answer}`;
}

/**
 * Asks the user for a user name and an email address (`elicitation/create`)
 * and returns what they answered.
 *
 * @param message The message to show the user.
 */
export async function testElicitation(message: string, context: ToolContext): Promise<string> {
  const result = await context.elicit({
    message,
    requestedSchema: {
      type: 'object',
      properties: {
        username: { type: 'string', description: "User's response" },
        email: { type: 'string', description: "User's email address", format: 'email' },
      },
      required: ['username', 'email'],
    },
  });
  return `User response: action=${result.action}, content=${JSON.stringify(result.content ?? {})}`;
}

/**
 * Asks the user for a form whose fields all carry default values, one of each
 * primitive type (SEP-1034).
 */
export async function testElicitationSep1034Defaults(context: ToolContext): Promise<string> {
  const result = await context.elicit({
    message: 'Please review and update the form fields with defaults',
    requestedSchema: {
      type: 'object',
      properties: {
        name: { type: 'string', title: 'Name', default: 'John Doe' },
        age: { type: 'integer', title: 'Age', minimum: 0, maximum: 150, default: 30 },
        score: { type: 'number', title: 'Score', minimum: 0, maximum: 100, default: 95.5 },
        status: { type: 'string', title: 'Status', enum: ['active', 'inactive', 'pending'], default: 'active' },
        verified: { type: 'boolean', title: 'Verified', default: true },
      },
    },
  });
  return elicitationSummary(result);
}

/**
 * Asks the user for a form with each enum shape of SEP-1330: untitled and
 * titled single-select, the legacy `enumNames` form, and untitled and titled
 * multi-select.
 */
export async function testElicitationSep1330Enums(context: ToolContext): Promise<string> {
  const result = await context.elicit({
    message: 'Please choose from each kind of list',
    requestedSchema: {
      type: 'object',
      properties: {
        untitledSingle: { type: 'string', title: 'Untitled single-select', enum: ['option1', 'option2', 'option3'] },
        titledSingle: {
          type: 'string',
          title: 'Titled single-select',
          oneOf: [
            { const: 'value1', title: 'First Option' },
            { const: 'value2', title: 'Second Option' },
            { const: 'value3', title: 'Third Option' },
          ],
        },
        legacyEnum: {
          type: 'string',
          title: 'Legacy titled enum',
          enum: ['opt1', 'opt2', 'opt3'],
          enumNames: ['Option One', 'Option Two', 'Option Three'],
        },
        untitledMulti: { type: 'array', title: 'Untitled multi-select', items: { type: 'string', enum: ['option1', 'option2', 'option3'] } },
        titledMulti: {
          type: 'array',
          title: 'Titled multi-select',
          items: {
            anyOf: [
              { const: 'value1', title: 'First Choice' },
              { const: 'value2', title: 'Second Choice' },
              { const: 'value3', title: 'Third Choice' },
            ],
          },
        },
      },
    },
  });
  return elicitationSummary(result);
}

/**
 * A street address. Named in lower case on purpose: the conformance suite
 * looks for it in the tool's input schema as `$defs.address`, and a named
 * type's `$defs` entry is named after the type.
 */
export interface address {
  street?: string;
  city?: string;
}

/**
 * Tool with JSON Schema 2020-12 features: its input schema has a `$defs`
 * entry that a property refers to, and accepts no other arguments (SEP-1613).
 *
 * @toolName json_schema_2020_12_tool
 * @param name A name.
 * @param address A postal address.
 * @readOnly
 * @idempotent
 */
export function jsonSchema202012Tool(name?: string, address?: address): string {
  return `Received name=${JSON.stringify(name ?? null)}, address=${JSON.stringify(address ?? null)}`;
}

/**
 * Waits briefly and confirms it ran. The suite's SSE polling scenario
 * (SEP-1699) calls it to see whether the server closes the response stream
 * mid-call and lets the client resume it.
 *
 * @readOnly
 */
export async function testReconnection(context: ToolContext): Promise<string> {
  await sleep(100, undefined, { signal: context.signal });
  return 'Reconnection test completed.';
}

function elicitationSummary(result: { action: string; content?: Record<string, unknown> | undefined }): string {
  return `Elicitation completed: action=${result.action}, content=${JSON.stringify(result.content ?? {})}`;
}
