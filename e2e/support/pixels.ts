import type { BrowserContext } from "@playwright/test";

/**
 * How many pixels turn from light to dark or back between two PNG screenshots of the same size:
 * a change of shape (a mark, a thicker edge), which no colour palette can hide. A change of colour
 * alone does not count: in forced colours the person's palette may make it invisible. Decoded by
 * the browser itself, in a blank page of the same context (no app CSP there), so the suite needs
 * no PNG library.
 */
export async function countPixelsChangingShade(
  context: BrowserContext,
  a: Buffer,
  b: Buffer,
): Promise<{ changed: number; total: number }> {
  const scratch = await context.newPage();
  try {
    return await scratch.evaluate(
      async ({ a, b }) => {
        const decode = async (base64: string) => {
          const bytes = Uint8Array.from(atob(base64), (character) => character.charCodeAt(0));
          const bitmap = await createImageBitmap(new Blob([bytes], { type: "image/png" }));
          const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
          const context = canvas.getContext("2d")!;
          context.drawImage(bitmap, 0, 0);
          return context.getImageData(0, 0, bitmap.width, bitmap.height);
        };
        const [first, second] = await Promise.all([decode(a), decode(b)]);
        if (first.width !== second.width || first.height !== second.height)
          throw new Error(
            `Screenshots differ in size: ${first.width}x${first.height} and ${second.width}x${second.height}`,
          );
        const dark = (data: Uint8ClampedArray, index: number) =>
          0.2126 * data[index] + 0.7152 * data[index + 1] + 0.0722 * data[index + 2] < 128;
        let changed = 0;
        for (let index = 0; index < first.data.length; index += 4) {
          if (dark(first.data, index) !== dark(second.data, index)) changed += 1;
        }
        return { changed, total: first.width * first.height };
      },
      { a: a.toString("base64"), b: b.toString("base64") },
    );
  } finally {
    await scratch.close();
  }
}
