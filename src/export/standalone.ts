/**
 * Turns an SVG drawn by the page (styled by Tailwind classes and the page's theme) into a file
 * that stands alone: every presentation property the page computed is written on the element, the
 * classes go, and the drawing gets a viewBox, a size and a background. Slides, editors and image
 * viewers then show it exactly as the page did.
 */

/** The computed properties that change how an SVG element looks. */
const PAINTED = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'stroke-linecap',
  'stroke-linejoin',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'letter-spacing',
  'text-anchor',
  'dominant-baseline',
  'visibility',
  'display',
  'transform',
  'transform-origin',
] as const;

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Properties whose value is a colour. */
const COLOURED: ReadonlySet<string> = new Set(['fill', 'stroke']);

const srgbOf = new Map<string, string>();

/**
 * A colour as plain sRGB hex: the page's palette is written in lab() and oklch(), which Chromium
 * draws but Keynote, PowerPoint and most editors do not read. `none` and `url(…)` stay as they are.
 */
function inSrgb(colour: string): string {
  if (!colour.includes('(') || colour.startsWith('url(')) return colour;
  const known = srgbOf.get(colour);
  if (known) return known;
  const context = document.createElement('canvas').getContext('2d', { willReadFrequently: true });
  if (!context) return colour;
  context.fillStyle = colour;
  context.fillRect(0, 0, 1, 1);
  const [r = 0, g = 0, b = 0, a = 255] = context.getImageData(0, 0, 1, 1).data;
  const hex = `#${[r, g, b].map((c) => c.toString(16).padStart(2, '0')).join('')}`;
  const plain = a === 255 ? hex : `rgba(${r},${g},${b},${(a / 255).toFixed(3)})`;
  srgbOf.set(colour, plain);
  return plain;
}

export interface StandaloneSvg {
  text: string;
  width: number;
  height: number;
}

export function standaloneSvg(svg: SVGSVGElement, background: string): StandaloneSvg {
  const copy = svg.cloneNode(true);
  if (!(copy instanceof SVGSVGElement)) throw new TypeError('an SVG clones to an SVG');
  inlineStyles(svg, copy);
  const box = svg.viewBox.baseVal;
  const width = box && box.width > 0 ? box.width : svg.clientWidth;
  const height = box && box.height > 0 ? box.height : svg.clientHeight;
  copy.setAttribute('xmlns', SVG_NS);
  copy.setAttribute('viewBox', `${box?.x ?? 0} ${box?.y ?? 0} ${width} ${height}`);
  copy.setAttribute('width', String(width));
  copy.setAttribute('height', String(height));
  copy.removeAttribute('class');
  copy.removeAttribute('style');
  copy.insertBefore(backdrop(background, box?.x ?? 0, box?.y ?? 0, width, height), copy.firstChild);
  return { text: new XMLSerializer().serializeToString(copy), width, height };
}

/** Copies the computed look of each element of `from` onto its twin in `to`, in tree order. */
function inlineStyles(from: Element, to: Element): void {
  const computed = getComputedStyle(from);
  const style = PAINTED.map((name) => {
    const value = computed.getPropertyValue(name);
    return `${name}:${COLOURED.has(name) ? inSrgb(value) : value}`;
  })
    .filter((rule) => !rule.endsWith(':'))
    .join(';');
  to.setAttribute('style', style);
  to.removeAttribute('class');
  const fromChildren = from.children;
  const toChildren = to.children;
  for (let i = 0; i < fromChildren.length; i++) {
    const a = fromChildren[i];
    const b = toChildren[i];
    if (a && b) inlineStyles(a, b);
  }
}

function backdrop(
  fill: string,
  x: number,
  y: number,
  width: number,
  height: number,
): SVGRectElement {
  const rect = document.createElementNS(SVG_NS, 'rect');
  for (const [name, value] of Object.entries({ x, y, width, height, fill }))
    rect.setAttribute(name, String(value));
  return rect;
}

/** The page's background colour behind `element`, for the drawing's backdrop. */
export function backgroundOf(element: Element): string {
  for (let node: Element | null = element; node; node = node.parentElement) {
    const color = getComputedStyle(node).backgroundColor;
    if (color && color !== 'transparent' && !/rgba\(.*,\s*0\)$/.test(color)) return color;
  }
  return '#ffffff';
}
