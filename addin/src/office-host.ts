// Is this page hosted by Office? Decided WITHOUT office.js: in a plain browser office.js opens a hidden
// iframe to a Microsoft telemetry host (~3 s after load), so it is loaded only where Office is the host.
// The signals are the ones office.js itself uses to find its host (office.js → _retrieveHostInfo and
// OSF.OUtil.parseXdmInfo); where none is present office.js concludes "plain browser" too, so leaving it
// out never loses a host it could have talked to. docs/addin.md states the rule.

/** What the page can see of its surroundings (a plain object, so the rule is tested without a browser). */
export interface PageEnv {
  search: string;
  hash: string;
  windowName: string;
  /** sessionStorage keys (office.js keeps the host info there when a pane navigates). */
  storageKeys: readonly string[];
  /** window.external (Office on Windows puts GetHostInfo / GetContext there). */
  external: unknown;
  /** The agaveHost object some Office hosts inject. */
  agaveHost: unknown;
}

function hasFunction(o: unknown, name: string): boolean {
  try {
    return !!o && typeof (o as Record<string, unknown>)[name] === 'function';
  } catch {
    return false;
  }
}

/**
 * Which signal says Office hosts the page, or null in a plain browser:
 * - `_host_Info` in the query (Office on Windows, Mac, the web and iPad add it to the pane's address);
 * - `_host_Info` / `_xdm_Info` in the fragment (older Office on the web);
 * - window.name holding `hostInfo` / `xdmInfo` (Office on the web, dialogs);
 * - office.js's own sessionStorage keys (`hostInfoValue`, `_xdm_…`) from an earlier load in this pane;
 * - window.external.GetHostInfo / GetContext, or agaveHost (injected by desktop hosts).
 */
export function officeSignal(env: PageEnv): string | null {
  const query = new URLSearchParams(env.search);
  if (query.has('_host_Info')) return 'query _host_Info';
  if (/(^|[#&])_(host|xdm)_Info=/.test(env.hash)) return 'fragment';
  if (env.windowName) {
    try {
      const o: unknown = JSON.parse(env.windowName);
      if (o && typeof o === 'object' && ('hostInfo' in o || 'xdmInfo' in o)) return 'window.name';
    } catch {
      // Not JSON: not set by Office.
    }
  }
  if (env.storageKeys.some((k) => k === 'hostInfoValue' || k.startsWith('_xdm_'))) return 'sessionStorage';
  if (hasFunction(env.external, 'GetHostInfo') || hasFunction(env.external, 'GetContext'))
    return 'window.external';
  if (env.agaveHost) return 'agaveHost';
  return null;
}

/** The PageEnv of the current window. */
export function currentPageEnv(): PageEnv {
  let storageKeys: string[] = [];
  try {
    const s = window.sessionStorage;
    storageKeys = Array.from({ length: s.length }, (_, i) => s.key(i) ?? '');
  } catch {
    // Storage blocked (privacy settings): office.js could not use it either.
  }
  const w = window as unknown as { external?: unknown; agaveHost?: unknown };
  return {
    search: location.search,
    hash: location.hash,
    windowName: window.name,
    storageKeys,
    external: w.external,
    agaveHost: w.agaveHost,
  };
}

/** Where office.js is served from: the page's <meta name="yanpan-office-js"> (set by the build). */
export function officeJsUrl(): string {
  return (
    document.querySelector('meta[name="yanpan-office-js"]')?.getAttribute('content') || 'office-js/office.js'
  );
}

/** Adds office.js to the page; resolves false when it cannot be loaded. */
export function loadOfficeJs(src: string = officeJsUrl()): Promise<boolean> {
  return new Promise((resolve) => {
    const script = document.createElement('script');
    script.src = src;
    script.onload = () => resolve(typeof Office !== 'undefined' && typeof Office.onReady === 'function');
    script.onerror = () => resolve(false);
    document.head.append(script);
  });
}

export interface OfficeReady {
  /** Office.HostType as a string ('Excel', 'Word', 'PowerPoint', …), null outside a host. */
  host: string | null;
  platform: string | null;
}

/** Office.onReady, or null when it does not answer in time. */
export function officeReady(timeoutMs: number): Promise<OfficeReady | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), timeoutMs);
    try {
      Office.onReady((info) => {
        clearTimeout(timer);
        let platform: string | null;
        try {
          platform = String(Office.context?.diagnostics?.platform ?? info.platform ?? '') || null;
        } catch {
          platform = null;
        }
        resolve({ host: info.host ? String(info.host) : null, platform });
      });
    } catch {
      clearTimeout(timer);
      resolve(null);
    }
  });
}
