/**
 * The small binary payloads the conformance scenarios ask for: an image and
 * an audio clip. Not a tool module (toolwright.config.ts leaves it out), so
 * its exports are plain helpers.
 */

/**
 * A 1×1 red PNG (69 bytes): signature, IHDR (8-bit RGB), one zlib-deflated
 * scanline `00 ff 00 00`, IEND. Written out rather than read from a file so
 * the fixture has no assets to ship or locate at run time.
 */
export const RED_PIXEL_PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC';

export function redPixelPng(): Uint8Array {
  return Buffer.from(RED_PIXEL_PNG_BASE64, 'base64');
}

/**
 * A valid WAV file: 16-bit mono PCM at 8 kHz holding `milliseconds` of a
 * 440 Hz tone. Built from its 44-byte RIFF header because the format is that
 * simple, and a generated clip needs no binary asset in the repository.
 */
export function toneWav(milliseconds = 100, frequency = 440): Uint8Array {
  const sampleRate = 8000;
  const samples = Math.round((sampleRate * milliseconds) / 1000);
  const dataBytes = samples * 2;
  const wav = Buffer.alloc(44 + dataBytes);
  wav.write('RIFF', 0, 'ascii');
  wav.writeUInt32LE(36 + dataBytes, 4);
  wav.write('WAVE', 8, 'ascii');
  wav.write('fmt ', 12, 'ascii');
  wav.writeUInt32LE(16, 16); // fmt chunk size
  wav.writeUInt16LE(1, 20); // PCM
  wav.writeUInt16LE(1, 22); // mono
  wav.writeUInt32LE(sampleRate, 24);
  wav.writeUInt32LE(sampleRate * 2, 28); // byte rate
  wav.writeUInt16LE(2, 32); // block align
  wav.writeUInt16LE(16, 34); // bits per sample
  wav.write('data', 36, 'ascii');
  wav.writeUInt32LE(dataBytes, 40);
  for (let i = 0; i < samples; i++) wav.writeInt16LE(Math.round(8000 * Math.sin((2 * Math.PI * frequency * i) / sampleRate)), 44 + i * 2);
  return wav;
}

export function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64');
}
