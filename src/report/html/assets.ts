import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * What the page inlines: uPlot (read from node_modules at render time, so the
 * report needs no network) and our own client script and styles.
 */
export interface PageAssets {
  uplotJs: string;
  uplotCss: string;
  clientJs: string;
  css: string;
}

let cached: PageAssets | undefined;

export function loadAssets(): PageAssets {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  const read = (file: string | URL) => readFileSync(file, 'utf8');
  cached = {
    uplotJs: safeInlineScript(read(require.resolve('uplot/dist/uPlot.iife.min.js'))),
    uplotCss: read(require.resolve('uplot/dist/uPlot.min.css')),
    clientJs: safeInlineScript(read(new URL('./client.js', import.meta.url))),
    css: read(new URL('./report.css', import.meta.url)),
  };
  return cached;
}

/** An inline script must not contain `</script` or `<!--`; neither is needed by our code. */
function safeInlineScript(js: string): string {
  return js.replace(/<\/script/gi, '<\\/script').replace(/<!--/g, '<\\!--');
}
