import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadBlackList, loadOfacList } from './load.js';
import { sampleListPaths } from './sample.js';
import { screen } from './screen.js';
import { buildScreeningIndex } from './screening-index.js';

describe('the shipped sample list', () => {
  it('is found next to the module', () => {
    const paths = sampleListPaths();
    expect(existsSync(paths.sdnPath)).toBe(true);
    expect(existsSync(paths.altPath)).toBe(true);
  });

  it('loads from latin-1 files with aliases and birthdates', async () => {
    const entries = await loadOfacList(sampleListPaths());
    expect(entries.length).toBeGreaterThanOrEqual(12);
    const muller = entries.find((e) => e.id === '9000010');
    expect(muller?.name).toBe('MÜLLER-BEISPIEL, Jürgen');
    expect(muller?.aliases.map((a) => a.name)).toEqual(['MUELLER BEISPIEL, Juergen']);
    expect(muller?.birthdates[0]).toMatchObject({ from: '1975-07-01', to: '1975-07-31' });
  });

  it('screens against it, with accents ignored', async () => {
    const index = buildScreeningIndex(await loadOfacList(sampleListPaths()));
    const result = screen(index, { kind: 'person', name: 'Jurgen Muller Beispiel', birthdate: '1975-07-14' });
    expect(result).toMatchObject({ trafficLight: 'RED', hitType: 'SL' });
    expect(screen(index, { kind: 'company', name: 'Cafe Ficticio SA' }).trafficLight).toBe('RED');
  });

  it('can be loaded as a black list too', async () => {
    const entries = await loadBlackList({ sdnPath: sampleListPaths().sdnPath });
    expect(entries.every((e) => e.listType === 'BL' && e.aliases.length === 0)).toBe(true);
  });
});
