// The Node versions package.json's engines allow are versions every locked package accepts: `npm ci` on
// any of them prints no EBADENGINE warning (.ci/run fails on one). Checked for every version of every
// range the project declares (semver.subset), so in particular the lowest of each (20.19.0, 22.13.0, …);
// the README states the same range.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** The part of semver (a devDependency; it ships no types) this test uses. */
interface Semver {
  Range: new (range: string) => { set: { value: string }[][] };
  minVersion(range: string): { version: string } | null;
  satisfies(version: string, range: string): boolean;
  subset(sub: string, dom: string): boolean;
}
const semver = createRequire(import.meta.url)('semver') as Semver;

const root = fileURLToPath(new URL('..', import.meta.url));

const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8'));
/** The npm the README asks for ("npm 10 以上"). */
const NPM = '>=10';

/** Each alternative of an engines range ("^20.19 || ^22.13 || >=24"): its range and lowest version. */
function alternatives(engines: string): { range: string; lowest: string }[] {
  return new semver.Range(engines).set.map((set) => {
    const range = set.map((c) => c.value).join(' ');
    return { range, lowest: semver.minVersion(range)!.version };
  });
}

/** The engines field of every locked package that has one in the form npm checks (an object). */
function lockedEngines(key: 'node' | 'npm'): { name: string; range: string }[] {
  return Object.entries(lock.packages as Record<string, { engines?: unknown }>)
    .filter(([name]) => name !== '')
    .flatMap(([name, p]) => {
      const range = (p.engines as Record<string, unknown> | undefined)?.[key];
      return typeof range === 'string' && !Array.isArray(p.engines) ? [{ name, range }] : [];
    });
}

/** The locked packages that refuse a Node version `engines` allows: the lowest of a range, or any other. */
function refusals(engines: string): string[] {
  return lockedEngines('node').flatMap(({ name, range }) =>
    alternatives(engines).flatMap((d) =>
      !semver.satisfies(d.lowest, range)
        ? [`${name} (${range}) refuses Node ${d.lowest}`]
        : !semver.subset(d.range, range)
          ? [`${name} (${range}) refuses part of ${d.range}`]
          : [],
    ),
  );
}

describe('engines', () => {
  it('the project declares one range in package.json, the lock file and the README', () => {
    expect(alternatives(pkg.engines.node).map((d) => d.lowest)).toEqual(['20.19.0', '22.13.0', '24.0.0']);
    expect(lock.packages[''].engines).toEqual(pkg.engines);
    expect(readFileSync(path.join(root, 'README.md'), 'utf8')).toContain(`Node.js \`${pkg.engines.node}\``);
  });

  it('every locked package accepts every Node version the project allows, the lowest of each range first', () => {
    expect(lockedEngines('node').length).toBeGreaterThan(100);
    expect(refusals(pkg.engines.node)).toEqual([]);
  });

  it('every locked package that names an npm version accepts npm 10 and later', () => {
    const refused = lockedEngines('npm')
      .filter(({ range }) => !semver.subset(NPM, range))
      .map(({ name, range }) => `${name} (${range})`);
    expect(refused).toEqual([]);
  });

  it('finds the packages that refuse an allowed version: the earlier ^22.12 refused eslint 10', () => {
    const found = refusals('^20.19 || ^22.12 || >=24');
    expect(found).toContain('node_modules/eslint (^20.19.0 || ^22.13.0 || >=24) refuses Node 22.12.0');
    // Allowing a version above what a package accepts is found too.
    expect(refusals('>=20.19')).toContain(
      'node_modules/eslint (^20.19.0 || ^22.13.0 || >=24) refuses part of >=20.19.0',
    );
  });
});
