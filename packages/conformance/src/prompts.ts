/**
 * The conformance fixture's prompts: one without arguments, one with two,
 * and two whose messages carry an embedded resource and an image.
 */
import type { PromptMessage } from '@toolwright/runtime';
import { RED_PIXEL_PNG_BASE64 } from './media.js';

/**
 * A simple prompt without arguments.
 *
 * @prompt
 */
export function testSimplePrompt(): string {
  return 'This is a simple prompt for testing.';
}

/**
 * A prompt that fills two arguments into its text.
 *
 * @prompt
 * @param arg1 First test argument.
 * @param arg2 Second test argument.
 */
export function testPromptWithArguments(arg1: string, arg2: string): string {
  return `Prompt with arguments: arg1='${arg1}', arg2='${arg2}'`;
}

/**
 * A prompt whose first message embeds a resource.
 *
 * @prompt
 * @param resourceUri URI of the resource to embed.
 */
export function testPromptWithEmbeddedResource(resourceUri: string): PromptMessage[] {
  return [
    { role: 'user', content: { type: 'resource', resource: { uri: resourceUri, mimeType: 'text/plain', text: 'Embedded resource content for testing.' } } },
    { role: 'user', content: { type: 'text', text: 'Please process the embedded resource above.' } },
  ];
}

/**
 * A prompt whose first message is an image.
 *
 * @prompt
 */
export function testPromptWithImage(): PromptMessage[] {
  return [
    { role: 'user', content: { type: 'image', data: RED_PIXEL_PNG_BASE64, mimeType: 'image/png' } },
    { role: 'user', content: { type: 'text', text: 'Please analyze the image above.' } },
  ];
}
