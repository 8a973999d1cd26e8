// SQL data types shared by every layer, with their names as printed in schemas.

export type DataType = 'BIGINT' | 'INT' | 'DOUBLE' | 'STRING' | 'BOOLEAN' | 'TIMESTAMP' | 'NULL';

/** Output mode of a streaming query (`EMIT ...`). */
export type EmitMode = 'append' | 'update' | 'complete';

export type JoinType = 'inner' | 'left' | 'right' | 'full' | 'cross';

export const isNumeric = (t: DataType): boolean => t === 'BIGINT' || t === 'INT' || t === 'DOUBLE';
export const isIntegral = (t: DataType): boolean => t === 'BIGINT' || t === 'INT';

/** Types whose values live in a float64 lane inside kernels (exact for integers within ±2^53). */
export const isFloatLane = (t: DataType): boolean =>
  t === 'BIGINT' || t === 'INT' || t === 'DOUBLE' || t === 'TIMESTAMP';

export interface Field {
  readonly name: string;
  readonly type: DataType;
  readonly nullable: boolean;
}

export type Schema = readonly Field[];

/** Printed form of a schema: `name TYPE, name TYPE`. NULL-typed columns print as STRING like Spark's void. */
export function formatSchema(schema: Schema): string {
  return schema.map((f) => `${f.name} ${f.type === 'NULL' ? 'STRING' : f.type}`).join(', ');
}
