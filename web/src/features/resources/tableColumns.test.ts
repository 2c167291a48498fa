import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TableColumn } from '../../../../server/views/live/protocol.ts';
import { cellText, isAgeColumn, shownColumns, sortValueOf } from './tableColumns.ts';

const col = (name: string, type = 'string', priority = 0): TableColumn => ({ name, type, format: '', description: '', priority });

test('kubectl shows priority-0 columns by default and every column with -o wide, cells keeping their index', () => {
  const columns = [col('Name'), col('Ready'), col('IP', 'string', 1), col('Age')];
  assert.deepEqual(shownColumns(columns, false).map((c) => [c.column.name, c.index]), [['Name', 0], ['Ready', 1], ['Age', 3]]);
  assert.deepEqual(shownColumns(columns, true).map((c) => c.index), [0, 1, 2, 3]);
});

test('cells read as kubectl prints them', () => {
  assert.equal(cellText(null), '<none>');
  assert.equal(cellText(3), '3');
  assert.equal(cellText(['a', 'b']), 'a,b');
  assert.equal(cellText('80/TCP'), '80/TCP');
  assert.equal(cellText({ a: 1 }), '{"a":1}');
});

test('numbers sort as numbers, ages by creation time, missing values go unsorted', () => {
  assert.equal(sortValueOf(col('Data', 'integer'), 12, undefined), 12);
  assert.equal(sortValueOf(col('Restarts', 'integer'), '7', undefined), 7);
  assert.equal(sortValueOf(col('Age'), '5m', '2026-01-01T00:00:00Z'), -Date.parse('2026-01-01T00:00:00Z'));
  assert.equal(sortValueOf(col('Created At', 'date'), '2026-01-02T00:00:00Z', undefined), -Date.parse('2026-01-02T00:00:00Z'));
  assert.ok((sortValueOf(col('Age'), '1m', '2026-01-02T00:00:00Z') as number) < (sortValueOf(col('Age'), '9d', '2026-01-01T00:00:00Z') as number), 'newer is smaller');
  assert.equal(sortValueOf(col('Selector'), null, undefined), undefined);
  assert.equal(isAgeColumn(col('Age')), true);
  assert.equal(isAgeColumn(col('Status')), false);
});
