/**
 * The conformance fixture's resources: a static text and a static binary
 * resource, a URI template, and a resource for the subscription scenarios.
 */
import { redPixelPng } from './media.js';

/**
 * A static text resource.
 *
 * @resource test://static-text
 * @mimeType text/plain
 */
export function staticText(): string {
  return 'This is the content of the static text resource.';
}

/**
 * A static binary resource: a 1×1 red PNG.
 *
 * @resource test://static-binary
 * @mimeType image/png
 */
export function staticBinary(): Uint8Array {
  return redPixelPng();
}

/**
 * JSON data for one id, read through a URI template.
 *
 * @resource test://template/{id}/data
 * @mimeType application/json
 */
export function templateData(id: string): string {
  return JSON.stringify({ id, templateTest: true, data: `Data for ID: ${id}` });
}

/**
 * A resource clients subscribe to in the subscription scenarios.
 *
 * @resource test://watched-resource
 * @mimeType text/plain
 */
export function watchedResource(): string {
  return 'This resource is watched by subscribers.';
}
