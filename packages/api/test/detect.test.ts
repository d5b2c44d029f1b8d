// Type detection from content: real sample files generated here, named to mislead where it
// matters (the name never makes a file an image, and a binary never passes as text).
import { describe, expect, it } from 'vitest';
import { detectType } from '../src/attachments/detect';
import {
  sampleGif,
  sampleJpeg,
  samplePdf,
  samplePng,
  sampleText,
  sampleWebp,
} from '../src/testing/sample-files';

describe('detectType', () => {
  it.each([
    ['image.png', samplePng(), 'image/png'],
    ['photo.jpg', sampleJpeg(), 'image/jpeg'],
    ['clip.gif', sampleGif(), 'image/gif'],
    ['picture.webp', sampleWebp(), 'image/webp'],
    ['paper.pdf', samplePdf(), 'application/pdf'],
    // The content decides, not the name.
    ['notes.txt', samplePng(), 'image/png'],
    ['image.png', sampleText('just text'), 'text/plain'],
    ['README.md', sampleText('# Título\n\nçã'), 'text/markdown'],
    ['table.csv', sampleText('a,b\n1,2\n'), 'text/csv'],
    ['data.json', sampleText('{"a": [1, 2]}'), 'application/json'],
    ['broken.json', sampleText('{"a": '), 'text/plain'],
    ['main.ts', sampleText('export const x = 1;\n\tconsole.log(x);\r\n'), 'text/plain'],
    ['bom.txt', new Uint8Array([0xef, 0xbb, 0xbf, 0x68, 0x69]), 'text/plain'],
  ])('%s is %s', (name, bytes, mimeType) => {
    expect(detectType(bytes, name)?.mimeType).toBe(mimeType);
  });

  it.each([
    ['empty.txt', new Uint8Array()],
    ['archive.zip', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00])],
    ['latin1.txt', new Uint8Array([0x63, 0x61, 0x66, 0xe9])],
    ['nul.txt', sampleText('a\u0000b')],
    ['escape.txt', sampleText('\u001b[31mred')],
    ['program.exe', new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00])],
    // A truncated signature is not the format.
    ['short.png', samplePng().subarray(0, 4)],
  ])('refuses %s', (name, bytes) => {
    expect(detectType(bytes, name)).toBeNull();
  });
});
