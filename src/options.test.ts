// Unit tests of the option registry: option names are checked against it, with the messages the goldens pin.

import { describe, expect, it } from 'vitest';
import { errorText } from '../common/test-utils.js';
import { checkOptions, CONNECTORS, connectorOf, connectorOptions, QUERY_OPTIONS } from './options.js';


describe('option registry', () => {
  it('accepts every registered option and per-column option', () => {
    for (const set of CONNECTORS.values()) {
      const opts: Record<string, string> = Object.fromEntries(set.options.map((o) => [o.name, 'x']));
      for (const f of set.fieldOptions ?? []) opts[`fields.some_col.${f.name}`] = 'x';
      expect(() => checkOptions(opts, set)).not.toThrow();
    }
    expect(() => checkOptions({ checkpoint: 'memory', watermark_policy: 'max', late_rows: 'l' }, QUERY_OPTIONS)).not.toThrow();
  });

  it('refuses an unknown key, listing what is accepted', () => {
    expect(errorText(() => checkOptions({ starting_offset: 'latest' }, connectorOptions('memory'))))
      .toBe("INVALID_OPTION: Unknown option 'starting_offset' for a memory source. Accepted options: connector, starting_offsets, max_rows_per_batch.");
    expect(errorText(() => checkOptions({ chekpoint: 'x' }, QUERY_OPTIONS)))
      .toBe("INVALID_OPTION: Unknown option 'chekpoint' for a query. Accepted options: checkpoint, watermark_policy, late_rows, sink, path, format, trigger, max_rows_per_batch.");
    const datagen = connectorOptions('datagen');
    const perColumn = `fields.<column>.${datagen.fieldOptions!.map((o) => o.name).join('|')}`;
    expect(errorText(() => checkOptions({ row: 10 }, datagen))).toContain(`Accepted options: connector, rows, seed, rows_per_batch, start, step, max_out_of_order`);
    expect(errorText(() => checkOptions({ row: 10 }, datagen))).toMatch(new RegExp(`, ${perColumn.replace(/[.|<>]/g, '\\$&')}\\.$`));
    // A per-column option needs a column name and a known suffix.
    expect(errorText(() => checkOptions({ 'fields.min': 1 }, datagen))).toMatch(/^INVALID_OPTION: Unknown option 'fields.min'/);
    expect(errorText(() => checkOptions({ 'fields.a.mni': 1 }, datagen))).toMatch(/^INVALID_OPTION: Unknown option 'fields.a.mni'/);
    expect(errorText(() => checkOptions({ 'fields.a.min': 1 }, connectorOptions('nexmark')))).toMatch(/^INVALID_OPTION: Unknown option 'fields.a.min' for a nexmark source/);
  });

  it('names the default connector first when refusing an unknown one', () => {
    expect(connectorOf({})).toBe('memory');
    expect(connectorOf({ connector: 'DataGen' })).toBe('datagen');
    expect(errorText(() => connectorOptions('kafka')))
      .toBe("INVALID_OPTION: Unknown connector 'kafka'. Available connectors: memory (the default), datagen, nexmark, files.");
  });

  it('documents every option in one line', () => {
    const all = [...[...CONNECTORS.values()].flatMap((s) => [...s.options, ...(s.fieldOptions ?? [])]), ...QUERY_OPTIONS.options];
    for (const o of all) {
      expect(o.doc, o.name).toMatch(/^[A-Z].*\.$/);
      expect(o.doc, o.name).not.toContain('\n');
      if (o.type.kind === 'enum' && o.default !== undefined && o.name !== 'connector') expect(o.type.values, o.name).toContain(o.default);
    }
    for (const [name, set] of CONNECTORS) expect(set.options[0]).toMatchObject({ name: 'connector', type: { kind: 'enum', values: [name] } });
  });
});
