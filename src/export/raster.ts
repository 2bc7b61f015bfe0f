import type { StandaloneSvg } from './standalone.ts';

/** Loads a standalone SVG as an image the canvas can draw. */
export function svgImage(svg: StandaloneSvg): Promise<HTMLImageElement> {
  const url = URL.createObjectURL(new Blob([svg.text], { type: 'image/svg+xml' }));
  const image = new Image();
  return new Promise<HTMLImageElement>((resolve, reject) => {
    image.onload = () => resolve(image);
    image.onerror = () => reject(new Error('the drawing could not be rasterized'));
    image.src = url;
  }).finally(() => URL.revokeObjectURL(url));
}

/** The drawing as a PNG at `scale` times its size (2 for slides on a high-density screen). */
export async function svgToPng(svg: StandaloneSvg, scale = 2): Promise<Blob> {
  const image = await svgImage(svg);
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(svg.width * scale);
  canvas.height = Math.round(svg.height * scale);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2D canvas in this browser');
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  return canvasBlob(canvas, 'image/png');
}

export function canvasBlob(canvas: HTMLCanvasElement, type: string): Promise<Blob> {
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error(`no ${type} encoder`))), type),
  );
}

/** Offers `blob` to the person as a file download named `name`. */
export function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has taken the file once the click is handled.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
