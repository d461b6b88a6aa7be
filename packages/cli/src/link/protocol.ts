import type { FieldSpec } from '@onconet/domain/linkage/config/field-types';
import type { ChunkColumns, EncodedChunk } from './encode-chunk.ts';
import type { BlockRange } from '@onconet/domain/linkage/engine/compare-candidates';
import type { LevelCounts } from '@onconet/domain/linkage/model/patterns';
import type { LinkModel } from '@onconet/domain/linkage/model/link-model';

/**
 * The dataset as shipped to a worker: id arrays on SharedArrayBuffer (not copied); each dictionary as one
 * string joined by NUL (or the array when a value holds a NUL), which the structured clone copies in one
 * piece instead of a million small strings, and the worker splits natively.
 */
export interface SharedDataset {
  readonly size: number;
  readonly leftSize?: number;
  readonly fields: readonly { readonly spec: FieldSpec; readonly features: readonly { readonly name: string; readonly ids: Int32Array; readonly dict: string | readonly string[]; readonly counts: Int32Array }[] }[];
  readonly groups: readonly Int32Array[];
  readonly layouts: readonly { readonly order: Int32Array; readonly starts: Int32Array; readonly lefts: Int32Array; readonly pairs: Float64Array }[];
}

export type WorkerRequest =
  | { readonly kind: 'encode'; readonly specs: readonly FieldSpec[]; readonly columns: ChunkColumns; readonly bytes: Uint8Array }
  | { readonly kind: 'load'; readonly data: SharedDataset }
  | { readonly kind: 'sample'; readonly count: number; readonly seed: number }
  | { readonly kind: 'compare'; readonly ranges: readonly BlockRange[] }
  | { readonly kind: 'score'; readonly model: LinkModel; readonly minProbability: number };

export type WorkerResponse =
  | { readonly kind: 'encoded'; readonly chunk: EncodedChunk }
  | { readonly kind: 'loaded' }
  | { readonly kind: 'sampled'; readonly counts: LevelCounts }
  | { readonly kind: 'compared'; readonly pairs: number; readonly levels: Uint8Array; readonly masks: Uint32Array; readonly counts: Float64Array }
  | { readonly kind: 'scored'; readonly left: Int32Array; readonly right: Int32Array; readonly weight: Float64Array }
  | { readonly kind: 'error'; readonly message: string; readonly record?: number; readonly column?: string };
