import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, systemChromium } from './browser.ts';
const browser = await chromium.launch({ args: CHROMIUM_ARGS, executablePath: systemChromium()! });
const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
await page.goto(
  'http://127.0.0.1:4173/?scenario=retry-storm-jitter&strategy=atomic-key&seed=1&lang=en&payments=100&at=7000',
);
await page.getByTestId('trace-hash').waitFor();
await page.getByRole('region', { name: 'Event log' }).waitFor();
await page.waitForTimeout(1500);
const measure = `(async () => {
  const s=document.querySelector('input[type=range]'); const set=Object.getOwnPropertyDescriptor(HTMLInputElement.prototype,'value').set;
  const total=[], forced=[], script=[];
  for (let i=0;i<30;i++){
    let f=0, sc=0;
    const obs = new PerformanceObserver(() => {}); 
    const t0=performance.now();
    set.call(s, String(Math.round(((i*7919)%30)*Number(s.max)/30))); s.dispatchEvent(new Event('input',{bubbles:true}));
    await new Promise(r=>requestAnimationFrame(()=>setTimeout(r,0)));
    total.push(performance.now()-t0);
  }
  const med=a=>{a=[...a].sort((x,y)=>x-y);return Math.round(a[Math.floor(a.length/2)]*10)/10};
  const p95=a=>{a=[...a].sort((x,y)=>x-y);return Math.round(a[Math.floor(a.length*0.95)]*10)/10};
  return 'p50 '+med(total)+' p95 '+p95(total);
})()`;
const variants: [string, string][] = [
  ['baseline', ''],
  ['contain sections', 'section { contain: layout paint style }'],
  [
    'log+seq boxes strict',
    '#event-log > div:last-child, #sequence > div:first-of-type { contain: strict; height: 30rem }',
  ],
  ['log table fixed', '#event-log table { table-layout: fixed }'],
  ['ledger tables fixed', '#ledger table { table-layout: fixed }'],
];
const results: Record<string, string[]> = {};
for (let round = 0; round < 2; round++) {
  for (const [name, css] of variants) {
    await page.evaluate(
      `(() => { let el = document.getElementById('exp-style'); if (!el) { el = document.createElement('style'); el.id='exp-style'; document.head.appendChild(el); } el.textContent = ${JSON.stringify(css)}; })()`,
    );
    await page.waitForTimeout(300);
    (results[name] ??= []).push((await page.evaluate(measure)) as string);
  }
}
for (const [k, v] of Object.entries(results)) console.log(k.padEnd(24), v.join('  |  '));
await browser.close();
